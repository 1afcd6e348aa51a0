using ChatOps.Bot.Features.Alerts;

namespace ChatOps.Tests.Fakes;

/// <summary>The Alertmanager port, with the real stores' rules: leased notifications, one claim per group (card or incident), one open incident per group.</summary>
public sealed partial class InMemoryChatOpsStore
{
    private readonly Dictionary<string, (DateTimeOffset LeaseUntil, bool Done)> _notifications = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (AlertGroup Group, string? Claimant, DateTimeOffset ClaimUntil)> _alertGroups = new(StringComparer.Ordinal);

    public Task<bool> TryRecordNotificationAsync(
        string key, string groupKey, string status, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (_notifications.TryGetValue(key, out var existing) && (existing.Done || existing.LeaseUntil > now))
            {
                return Task.FromResult(false);
            }

            _notifications[key] = (leaseUntil, false);
            return Task.FromResult(true);
        }
    }

    public Task CompleteNotificationAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (_notifications.TryGetValue(key, out var existing))
            {
                _notifications[key] = existing with { Done = true };
            }

            return Task.CompletedTask;
        }
    }

    public Task<AlertGroup?> GetAlertGroupAsync(string groupKey, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult(_alertGroups.TryGetValue(groupKey, out var g) ? g.Group : null);
        }
    }

    public Task SaveAlertCardAsync(string groupKey, string destination, string messageId, string status, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            var current = GroupRow(groupKey);
            _alertGroups[groupKey] = current with { Group = current.Group with { Destination = destination, MessageId = messageId, Status = status } };
            return Task.CompletedTask;
        }
    }

    private int _cardClaimAttempts;

    /// <summary>How many card claims were asked for, won or lost: lets a race test wait until the loser has tried.</summary>
    public int CardClaimAttempts => Volatile.Read(ref _cardClaimAttempts);

    public Task<bool> TryClaimAlertCardAsync(
        string groupKey, string claimant, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        Throw();
        Interlocked.Increment(ref _cardClaimAttempts);
        lock (_gate)
        {
            var current = GroupRow(groupKey);
            if (current.Claimant is { } holder && holder != claimant && current.ClaimUntil > now)
            {
                return Task.FromResult(false);
            }

            _alertGroups[groupKey] = current with { Claimant = claimant, ClaimUntil = claimUntil };
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAlertCardClaimAsync(string groupKey, string claimant, CancellationToken cancellationToken) =>
        ReleaseIncidentClaimAsync(groupKey, claimant, null, cancellationToken);

    public Task<bool> TryClaimIncidentAsync(
        string groupKey, string claimant, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            var current = GroupRow(groupKey);
            var claimLive = current.Claimant is not null && current.ClaimUntil > now;
            var incidentOpen = current.Group.IncidentId is { } id && _incidents.TryGetValue(id, out var incident) && incident.ResolvedAt is null;
            if (claimLive || incidentOpen)
            {
                return Task.FromResult(false);
            }

            _alertGroups[groupKey] = current with { Claimant = claimant, ClaimUntil = claimUntil };
            return Task.FromResult(true);
        }
    }

    public Task ReleaseIncidentClaimAsync(string groupKey, string claimant, string? incidentId, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (_alertGroups.TryGetValue(groupKey, out var current) && current.Claimant == claimant)
            {
                _alertGroups[groupKey] = (current.Group with { IncidentId = incidentId ?? current.Group.IncidentId }, null, default);
            }

            return Task.CompletedTask;
        }
    }

    private (AlertGroup Group, string? Claimant, DateTimeOffset ClaimUntil) GroupRow(string groupKey) =>
        _alertGroups.TryGetValue(groupKey, out var row) ? row : (new AlertGroup(groupKey, null, null, null, null), null, default);
}
