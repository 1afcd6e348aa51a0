using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Incidents;

namespace ChatOps.Tests.Fakes;

/// <summary>The incident port, with the real stores' rules: per-year sequence, change and entry together, notifications in the outbox.</summary>
public sealed partial class InMemoryChatOpsStore
{
    private readonly Dictionary<string, Incident> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TimelineEntry>> _timelines = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _incidentCounters = [];

    public Task<Incident> DeclareAsync(NewIncident incident, string requestId, Func<Incident, IReadOnlyList<OutboxMessage>> notify, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            var year = incident.StartedAt.UtcDateTime.Year;
            var sequence = _incidentCounters[year] = _incidentCounters.GetValueOrDefault(year) + 1;
            var stored = new Incident(IncidentIds.Format(year, sequence), incident.Severity, incident.Title, IncidentStatus.Investigating,
                incident.Commander, incident.Lead, [.. incident.Services], incident.ChannelId, incident.DeclaredBy,
                AuditChain.Normalize(incident.StartedAt), AuditChain.Normalize(incident.NextUpdateAt), null)
            {
                Platform = incident.Platform,
                CommanderName = incident.CommanderName ?? IncidentUsers.LocalId(incident.Commander),
                LeadName = incident.Lead is null ? null : incident.LeadName ?? IncidentUsers.LocalId(incident.Lead),
                ChannelSetup = incident.ChannelMembers is null ? ChannelSetupState.None : ChannelSetupState.Pending,
                TimerDueAt = AuditChain.Normalize(incident.NextUpdateAt),
            };
            if (incident.ChannelMembers is { } members)
            {
                _setups[stored.Id] = new Setup([.. members], 0, stored.StartedAt, null, DateTimeOffset.MinValue);
            }

            _incidents[stored.Id] = stored;
            _timelines[stored.Id] =
                [new TimelineEntry(stored.StartedAt, incident.DeclaredBy, TimelineKind.Declare, $"declared {incident.Severity}: {incident.Title}")];
            Queue(notify(stored), incident.StartedAt);
            return Task.FromResult(stored);
        }
    }

    public Task<Incident?> GetIncidentAsync(string id, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult(_incidents.GetValueOrDefault(Canonical(id)));
        }
    }

    public Task<Incident?> FindOpenIncidentAsync(string channelId, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult(Newest(_incidents.Values.Where(i => i.ResolvedAt is null && (i.ChannelId == channelId || i.IncidentChannel == channelId)))
                .OrderBy(i => i.IncidentChannel == channelId ? 0 : 1).FirstOrDefault());
        }
    }

    public Task<IReadOnlyList<Incident>> ListIncidentsAsync(bool openOnly, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Incident>>(Newest(_incidents.Values.Where(i => !openOnly || i.ResolvedAt is null)).ToList());
        }
    }

    public Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string id, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<TimelineEntry>>(_timelines.TryGetValue(Canonical(id), out var entries) ? [.. entries] : []);
        }
    }

    public Task<Incident?> ChangeIncidentAsync(IncidentChange change, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            var id = Canonical(change.Id);
            if (!_incidents.TryGetValue(id, out var incident))
            {
                return Task.FromResult<Incident?>(null);
            }

            var changed = incident with
            {
                Severity = change.Severity ?? incident.Severity,
                Commander = change.Commander ?? incident.Commander,
                CommanderName = change.Commander is null ? incident.CommanderName : change.CommanderName ?? IncidentUsers.LocalId(change.Commander),
                Status = change.Status ?? incident.Status,
                NextUpdateAt = change.NextUpdateAt is { } next ? AuditChain.Normalize(next) : incident.NextUpdateAt,
                ResolvedAt = change.ResolvedAt is { } resolved ? AuditChain.Normalize(resolved) : incident.ResolvedAt,
                TimerStage = change.ResolvedAt is null && change.NextUpdateAt is not null ? 0 : incident.TimerStage,
                TimerDueAt = change.ResolvedAt is not null ? null
                    : change.NextUpdateAt is { } due ? AuditChain.Normalize(due) : incident.TimerDueAt,
            };
            _incidents[id] = changed;
            _timelines[id].Add(change.Entry with { At = AuditChain.Normalize(change.Entry.At) });
            return Task.FromResult<Incident?>(changed);
        }
    }

    private static IEnumerable<Incident> Newest(IEnumerable<Incident> incidents) =>
        incidents.OrderByDescending(i => i.StartedAt.UtcDateTime.Year).ThenByDescending(i => i.Id, StringComparer.Ordinal);

    private static string Canonical(string id) => IncidentIds.TryNormalize(id, out var canonical) ? canonical : id;
}
