namespace ChatOps.Bot.Features.Alerts;

/// <summary>What the store remembers about one Alertmanager group: its card and the incident it declared, if any.</summary>
public sealed record AlertGroup(string GroupKey, string? Destination, string? MessageId, string? Status, string? IncidentId);

/// <summary>
/// Alertmanager notifications and groups (issue 6), in the bot's one durable store. Every method is one statement or
/// transaction, so several replicas behind one webhook URL agree on who handles a notification and who declares.
/// </summary>
public interface IAlertStore
{
    /// <summary>
    /// Records the notification <paramref name="key"/> (group key + status + fingerprints) and reserves it for this
    /// caller until <paramref name="leaseUntil"/>. False when it was already handled, or another caller holds a
    /// live reservation; a reservation whose holder died lapses, so a re-send after that is handled again.
    /// </summary>
    Task<bool> TryRecordNotificationAsync(
        string key, string groupKey, string status, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Marks the notification handled: later re-sends of the same key are ignored.</summary>
    Task CompleteNotificationAsync(string key, DateTimeOffset now, CancellationToken cancellationToken);

    Task<AlertGroup?> GetAlertGroupAsync(string groupKey, CancellationToken cancellationToken);

    /// <summary>Remembers where the group's card is and which status it shows (creates the group on first use).</summary>
    Task SaveAlertCardAsync(string groupKey, string destination, string messageId, string status, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves the group for posting its card, so that two replicas handling two notifications of a brand-new group
    /// (or of a new firing episode) do not both post one: true when nobody else holds a live claim on the group
    /// (for its card or its incident), or when <paramref name="claimant"/> already does (a retry). Creates the group
    /// on first use. The loser waits for the winner's card and updates it.
    /// </summary>
    Task<bool> TryClaimAlertCardAsync(
        string groupKey, string claimant, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken);

    /// <summary>Ends <paramref name="claimant"/>'s card claim; nothing happens when another holds the group.</summary>
    Task ReleaseAlertCardClaimAsync(string groupKey, string claimant, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves the right to declare an incident for the group: true only when the group has no open incident and
    /// no live reservation. Store-enforced, so two replicas handling the same group never both declare.
    /// </summary>
    Task<bool> TryClaimIncidentAsync(
        string groupKey, string claimant, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken);

    /// <summary>Ends <paramref name="claimant"/>'s reservation, linking <paramref name="incidentId"/> when the declare worked.</summary>
    Task ReleaseIncidentClaimAsync(string groupKey, string claimant, string? incidentId, CancellationToken cancellationToken);
}
