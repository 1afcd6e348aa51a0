using ChatOps.Bot.Features.Incidents;
using ChatOps.Bot.Features.Silences;

namespace ChatOps.Bot.Features.Alerts;

/// <summary>
/// Handles one recorded notification: posts (or updates) the group's card, declares an incident when a rule matches
/// and the group has none open, and notes a resolution on the linked incident's timeline. The declaration is the
/// ordinary <c>incident declare</c> command run through the pipeline as <see cref="Subject"/>, so it is audited and
/// needs a role binding like any user.
/// </summary>
public sealed class AlertProcessor(
    IAlertStore alerts,
    IIncidentStore incidents,
    IEnumerable<IChatPlatform> platforms,
    ICommandDispatcher dispatcher,
    IOptionsMonitor<AlertmanagerOptions> options,
    IOptionsMonitor<TargetOptions> targets,
    IAlertmanagerTargets silences,
    TimeProvider clock,
    ILogger<AlertProcessor> logger)
{
    public const string Platform = "alertmanager";
    public const string UserId = "alertmanager";
    public const string Subject = Platform + ":" + UserId;

    /// <summary>How long a notification or a declaration is reserved for one replica before another may take it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>How often a replica that lost the card claim looks for the winner's card; the claim's lease bounds the wait.</summary>
    public static readonly TimeSpan CardClaimPoll = TimeSpan.FromMilliseconds(250);

    private const string DefaultDeclareSeverity = "P3";

    /// <summary>
    /// Alertmanager got its 2xx already and will not retry, so a chat or store hiccup is retried here, well within
    /// <see cref="Lease"/>. A retry is safe: the saved card is updated rather than posted again, and the incident
    /// claim stops a second declaration.
    /// </summary>
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(25)];

    /// <summary><see cref="ProcessAsync"/> with retries; what still fails is handled again when Alertmanager re-sends after the lease.</summary>
    public async Task ProcessWithRetriesAsync(AlertmanagerPayload payload, string key, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ProcessAsync(payload, key, cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < RetryDelays.Length && ex is not OperationCanceledException)
            {
                logger.LogWarning("Alert notification {Key} failed (attempt {Attempt}), retrying in {Delay}: {Reason}",
                    key[..Math.Min(12, key.Length)], attempt + 1, RetryDelays[attempt], ex.Message);
                await Task.Delay(RetryDelays[attempt], clock, cancellationToken);
            }
        }
    }

    /// <summary>Runs after the notification was recorded under <paramref name="key"/>; marks it handled only when everything went through.</summary>
    public async Task ProcessAsync(AlertmanagerPayload payload, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var o = options.CurrentValue;
        var (platformName, channel) = Split(o.Channel);
        var platform = platforms.FirstOrDefault(p => p.Name == platformName)
            ?? throw new InvalidOperationException($"no chat platform '{platformName}' is configured for ChatOps:Alertmanager:Channel");
        var rule = AlertRules.Match(o.Rules, payload);
        var cluster = payload.CommonLabels.GetValueOrDefault("cluster") is { } c && targets.CurrentValue.Clusters.ContainsKey(c) ? c : null;
        var card = AlertCard.Build(payload, rule?.Severity.ToUpperInvariant() ?? DefaultDeclareSeverity, o.ScaleStep, cluster, silences.Default is not null);
        var post = new ChatPost(channel, ChatText.User(card.Text), card);

        var (posted, group) = await ShowCardAsync(payload, key, platform, post, o.Channel, cancellationToken);

        if (rule is not null)
        {
            await DeclareAsync(payload, rule, platform, posted, key, cancellationToken);
        }
        else if (!payload.IsFiring && group?.IncidentId is { } incidentId)
        {
            await NoteResolvedAsync(payload, incidentId, cancellationToken);
        }

        await alerts.CompleteNotificationAsync(key, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Updates the group's card when it shows this episode, else posts one under a claim on the group: two replicas
    /// handling two notifications of a brand-new group at once would otherwise both post. The loser polls until the
    /// winner's card is saved (and updates it) or the winner's claim lapses (and posts itself).
    /// </summary>
    private async Task<(PostedMessage Posted, AlertGroup? Group)> ShowCardAsync(
        AlertmanagerPayload payload, string key, IChatPlatform platform, ChatPost post, string destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            var group = await alerts.GetAlertGroupAsync(payload.GroupKey, cancellationToken);
            if (Shown(group, payload, destination) is { } shown)
            {
                await UpdateCardAsync(platform, shown, post, payload, destination, cancellationToken);
                return (shown, group);
            }

            var now = clock.GetUtcNow();
            if (await alerts.TryClaimAlertCardAsync(payload.GroupKey, key, now, now + Lease, cancellationToken))
            {
                try
                {
                    // Read again under the claim: the previous holder may have saved its card since the first read.
                    group = await alerts.GetAlertGroupAsync(payload.GroupKey, cancellationToken);
                    if (Shown(group, payload, destination) is { } saved)
                    {
                        await UpdateCardAsync(platform, saved, post, payload, destination, cancellationToken);
                        return (saved, group);
                    }

                    var posted = await platform.PostAsync(post, cancellationToken);
                    await alerts.SaveAlertCardAsync(payload.GroupKey, destination, posted.MessageId, payload.Status, cancellationToken);
                    return (posted, group);
                }
                finally
                {
                    await alerts.ReleaseAlertCardClaimAsync(payload.GroupKey, key, CancellationToken.None);
                }
            }

            logger.LogInformation("Another replica is posting the card of this alert group; waiting to update it instead");
            await Task.Delay(CardClaimPoll, clock, cancellationToken);
        }
    }

    /// <summary>The card to change in place: same destination, and the same episode (still firing, or now resolved).</summary>
    private static PostedMessage? Shown(AlertGroup? group, AlertmanagerPayload payload, string destination) =>
        group is { MessageId: { } messageId, Destination: { } where } && where == destination
        && (group.Status == AlertmanagerPayload.Firing || !payload.IsFiring)
            ? new PostedMessage(Split(destination).Channel, messageId)
            : null;

    private async Task UpdateCardAsync(
        IChatPlatform platform, PostedMessage card, ChatPost post, AlertmanagerPayload payload, string destination, CancellationToken cancellationToken)
    {
        await platform.UpdateAsync(card, post, cancellationToken);
        await alerts.SaveAlertCardAsync(payload.GroupKey, destination, card.MessageId, payload.Status, cancellationToken);
    }

    private async Task DeclareAsync(
        AlertmanagerPayload payload, AlertRule rule, IChatPlatform platform, PostedMessage card, string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!await alerts.TryClaimIncidentAsync(payload.GroupKey, key, now, now + Lease, cancellationToken))
        {
            logger.LogInformation("Alert group already has an open incident (or one is being declared); not declaring again");
            return;
        }

        string? declared = null;
        try
        {
            var context = new ChatContext(Platform, UserId, "Alertmanager", card.Channel, card.MessageId, RequestIds.New(), now)
            {
                ChannelPlatform = platform.Name,
            };
            // The configured commander is a user id of the platform the card is on; say so, since only mentions carry ids.
            var commander = rule.Commander.Length > 0
                ? $" --commander @{{{IncidentUsers.UserPlatform(platform.Name)}:{rule.Commander.TrimStart('@')}}}"
                : string.Empty;
            var result = await dispatcher.DispatchAsync(
                $"incident declare {rule.Severity.ToUpperInvariant()} {AlertCard.IncidentTitle(payload)}{commander}", context, cancellationToken);
            if (result.IsSuccess && result.Reference is { } id)
            {
                declared = id;
            }
            else
            {
                logger.LogWarning(
                    "Alert rule matched but incident declare answered {Outcome}: {Reason} (bind {Subject} to a role if it was denied)",
                    result.Outcome, result.Text.Split('\n')[0], Subject);
            }

            await platform.PostAsync(new ChatPost(card.Channel, ChatText.User(result.Text), result, card.MessageId), cancellationToken);
        }
        finally
        {
            await alerts.ReleaseIncidentClaimAsync(payload.GroupKey, key, declared, CancellationToken.None);
        }
    }

    private async Task NoteResolvedAsync(AlertmanagerPayload payload, string incidentId, CancellationToken cancellationToken)
    {
        var incident = await incidents.GetIncidentAsync(incidentId, cancellationToken);
        if (incident is null)
        {
            return;
        }

        var entry = new TimelineEntry(clock.GetUtcNow(), "Alertmanager", TimelineKind.Alert,
            $"alert resolved: {AlertCard.IncidentTitle(payload)} ({payload.Alerts.Count} alert(s))");
        await incidents.ChangeIncidentAsync(new IncidentChange(incident.Id, entry), cancellationToken);
    }

    private static (string Platform, string Channel) Split(string destination)
    {
        var parts = destination.Split(':', 2);
        return (parts[0], parts.Length > 1 ? parts[1] : string.Empty);
    }
}
