namespace ChatOps.Bot.Features.Incidents;

/// <summary>How one channel setup attempt ended; <see cref="Error"/> is set when it failed and will be retried.</summary>
public sealed record ChannelSetupOutcome(Incident Incident, InviteResult? Invites, string? Error);

/// <summary>
/// Gives a declared incident its own channel: create, record it at once (so a retry never makes a second one), invite,
/// set the topic, then in one store transaction mark it done, add the timeline entry and queue the notification for the
/// new channel and a pointer to it for the announcements channels. Declare stores the setup as pending first, so a
/// failure — or a crash between steps — leaves a lease that runs out and a background retry that finishes the job.
/// </summary>
public sealed class IncidentChannelSetup(
    IIncidentStore store, IncidentPlatforms platforms, TimeProvider clock, ILogger<IncidentChannelSetup> logger)
{
    /// <summary>Longer than a slow chat API call sequence; a crashed holder's setup is retried after it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);

    private readonly string _owner = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Runs the setup of one just-declared incident; null when another replica holds it.</summary>
    public async Task<ChannelSetupOutcome?> RunAsync(string incidentId, CancellationToken cancellationToken)
    {
        var jobs = await store.ClaimChannelSetupsAsync(incidentId, _owner, clock.GetUtcNow(), Lease, 1, cancellationToken);
        return jobs.Count == 0 ? null : await RunAsync(jobs[0], cancellationToken);
    }

    /// <summary>Retries the setups whose retry is due; returns how many completed.</summary>
    public async Task<int> RetryDueAsync(int max, CancellationToken cancellationToken)
    {
        var completed = 0;
        foreach (var job in await store.ClaimChannelSetupsAsync(null, _owner, clock.GetUtcNow(), Lease, max, cancellationToken))
        {
            if ((await RunAsync(job, cancellationToken)).Error is null)
            {
                completed++;
            }
        }

        return completed;
    }

    private async Task<ChannelSetupOutcome> RunAsync(ChannelSetupJob job, CancellationToken cancellationToken)
    {
        var incident = job.Incident;
        try
        {
            var platform = platforms.Get(incident.Platform) is { CanCreateChannels: true } p
                ? p
                : throw new InvalidOperationException($"platform '{incident.Platform}' cannot create channels");
            if (incident.IncidentChannel is null)
            {
                var created = await platform.CreateChannelAsync(IncidentChannelName.For(incident.Id, incident.Title), cancellationToken);
                if (!await store.RecordIncidentChannelAsync(incident.Id, _owner, created, CancellationToken.None))
                {
                    throw new InvalidOperationException("the channel setup was taken over by another replica");
                }

                incident = incident with { IncidentChannel = created.Id, IncidentChannelName = created.Name };
            }

            var channel = incident.IncidentChannel!;
            var invites = await platform.InviteAsync(channel, job.Members, cancellationToken);
            await platform.SetTopicAsync(channel, Topic(incident), cancellationToken);

            var now = clock.GetUtcNow();
            var link = ChannelLink(incident);
            var entry = new TimelineEntry(now, "bot", TimelineKind.Channel, $"channel {PlainText.Render(link)} created; invited {Names(invites.Invited)}");
            var messages = new List<OutboxMessage>
            {
                new($"{incident.Platform}:{channel}", ChatText.Of($"Incident declared by {incident.DeclaredBy}\n{IncidentText.Post(incident)}")),
            };
            messages.AddRange(platforms.Announcements().Select(d => new OutboxMessage(d, ChatText.Of($"{incident.Id}: incident channel {link}"))));
            var done = await store.CompleteChannelSetupAsync(incident.Id, _owner, entry, messages, CancellationToken.None)
                ?? throw new InvalidOperationException("the channel setup was taken over by another replica");
            return new ChannelSetupOutcome(done, invites, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var retryAt = clock.GetUtcNow() + Backoff(job.Attempts);
            logger.LogWarning("Channel setup of {Incident} failed (attempt {Attempt}), retrying at {RetryAt:O}: {Reason}",
                incident.Id, job.Attempts + 1, retryAt, ex.Message);
            await store.FailChannelSetupAsync(incident.Id, _owner, retryAt, ex.Message, CancellationToken.None);
            return new ChannelSetupOutcome(incident with { ChannelSetupError = ex.Message }, null, ex.Message);
        }
    }

    public static ChatText Topic(Incident incident) =>
        ChatText.Of($"{IncidentText.ChatTitle(incident)} | commander {IncidentUsers.Show(incident.CommanderName)} | status {ChatText.Bot(IncidentText.Status(incident.Status))}");

    /// <summary>A link to the channel where the platform has them (Slack); its name everywhere else.</summary>
    public static ChatText ChannelLink(Incident incident) =>
        ChatText.Channel(incident.IncidentChannel ?? string.Empty, $"#{incident.IncidentChannelName}");

    public static string Names(IReadOnlyList<string> users) =>
        users.Count == 0 ? "nobody" : string.Join(", ", users.Select(IncidentUsers.Show));

    internal static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, 10 * Math.Pow(2, Math.Min(attempts, 10))));
}
