using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Incidents;

namespace ChatOps.Tests.Fakes;

/// <summary>Channel setups and SLA timers with the real stores' rules: leases with owners, compare-and-set on the timer stage.</summary>
public sealed partial class InMemoryChatOpsStore
{
    private readonly Dictionary<string, Setup> _setups = new(StringComparer.Ordinal);

    public Task<bool> AppendTimelineAsync(string id, TimelineEntry entry, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (!_incidents.TryGetValue(Canonical(id), out var incident) || !incident.IsOpen)
            {
                return Task.FromResult(false);
            }

            _timelines[incident.Id].Add(entry with { At = AuditChain.Normalize(entry.At) });
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<ChannelSetupJob>> ClaimChannelSetupsAsync(
        string? id, string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            var jobs = new List<ChannelSetupJob>();
            foreach (var (incidentId, setup) in _setups.OrderBy(s => s.Value.DueAt).ThenBy(s => s.Key, StringComparer.Ordinal).ToList())
            {
                if (jobs.Count >= max || (id is not null && incidentId != Canonical(id)) ||
                    _incidents[incidentId].ChannelSetup != ChannelSetupState.Pending || setup.DueAt > now || setup.LeaseUntil > now)
                {
                    continue;
                }

                _setups[incidentId] = setup with { Owner = owner, LeaseUntil = now + lease };
                jobs.Add(new ChannelSetupJob(_incidents[incidentId], setup.Members, setup.Attempts));
            }

            return Task.FromResult<IReadOnlyList<ChannelSetupJob>>(jobs);
        }
    }

    public Task<bool> RecordIncidentChannelAsync(string id, string owner, CreatedChannel channel, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (!Leased(id, owner, out var incident) || incident.IncidentChannel is not null)
            {
                return Task.FromResult(false);
            }

            _incidents[incident.Id] = incident with { IncidentChannel = channel.Id, IncidentChannelName = channel.Name };
            return Task.FromResult(true);
        }
    }

    public Task<Incident?> CompleteChannelSetupAsync(
        string id, string owner, TimelineEntry entry, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (!Leased(id, owner, out var incident))
            {
                return Task.FromResult<Incident?>(null);
            }

            var done = incident with { ChannelSetup = ChannelSetupState.Done, ChannelSetupError = null };
            _incidents[done.Id] = done;
            _setups[done.Id] = _setups[done.Id] with { Owner = null, LeaseUntil = DateTimeOffset.MinValue };
            _timelines[done.Id].Add(entry with { At = AuditChain.Normalize(entry.At) });
            Queue(messages, entry.At);
            return Task.FromResult<Incident?>(done);
        }
    }

    public Task FailChannelSetupAsync(string id, string owner, DateTimeOffset retryAt, string error, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (Leased(id, owner, out var incident))
            {
                _incidents[incident.Id] = incident with { ChannelSetupError = error };
                var setup = _setups[incident.Id];
                _setups[incident.Id] = setup with { Attempts = setup.Attempts + 1, DueAt = retryAt, Owner = null, LeaseUntil = DateTimeOffset.MinValue };
            }

            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<Incident>> FireDueTimersAsync(DateTimeOffset now, int max, Func<Incident, TimerFiring> fire, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            var due = _incidents.Values.Where(i => i.IsOpen && i.TimerDueAt is { } at && at <= now)
                .OrderBy(i => i.TimerDueAt).ThenBy(i => i.Id, StringComparer.Ordinal).Take(max).ToList();
            foreach (var incident in due)
            {
                var firing = fire(incident);
                _incidents[incident.Id] = incident with
                {
                    TimerStage = firing.NextStage,
                    TimerDueAt = firing.NextDueAt is { } next ? AuditChain.Normalize(next) : null,
                };
                _timelines[incident.Id].Add(firing.Entry with { At = AuditChain.Normalize(firing.Entry.At) });
                Queue(firing.Messages, now);
            }

            return Task.FromResult<IReadOnlyList<Incident>>(due);
        }
    }

    private bool Leased(string id, string owner, out Incident incident)
    {
        var canonical = Canonical(id);
        incident = _incidents.GetValueOrDefault(canonical)!;
        return incident is { ChannelSetup: ChannelSetupState.Pending } && _setups.TryGetValue(canonical, out var setup) && setup.Owner == owner;
    }

    /// <summary>New lines are due at once, at the microsecond the real stores keep.</summary>
    private void Queue(IReadOnlyList<OutboxMessage> messages, DateTimeOffset at)
    {
        at = AuditChain.Normalize(at);
        foreach (var message in messages)
        {
            var id = _outbox.Count + 1L;
            _outbox.Add((id, message, at));
            _outboxState[id] = (0, at, null, DateTimeOffset.MinValue, false);
        }
    }

    private sealed record Setup(IReadOnlyList<string> Members, int Attempts, DateTimeOffset DueAt, string? Owner, DateTimeOffset LeaseUntil);
}
