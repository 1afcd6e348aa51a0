using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Authorization;

namespace ChatOps.Tests.Fakes;

/// <summary>Break-glass elevations with the real stores' rules: live while started, unexpired and unrevoked; revoked once.</summary>
public sealed partial class InMemoryChatOpsStore
{
    private readonly List<(Elevation Elevation, DateTimeOffset? RevokedAt)> _elevations = [];

    private readonly HashSet<string> _expiryAnnounced = new(StringComparer.Ordinal);

    public Task GrantElevationAsync(Elevation elevation, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (_elevations.Any(e => e.Elevation.Id == elevation.Id))
            {
                throw new InvalidOperationException($"elevation {elevation.Id} exists (primary key)");
            }

            _elevations.Add((Normalized(elevation), null));
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<Elevation>> ActiveElevationsAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Elevation>>(Live(subject, now).Select(i => _elevations[i].Elevation).ToList());
        }
    }

    public Task<IReadOnlyList<Elevation>> AllActiveElevationsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Elevation>>(_elevations.Where(e => e.RevokedAt is null && e.Elevation.IsActiveAt(now))
                .Select(e => e.Elevation).OrderBy(e => e.GrantedAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToList());
        }
    }

    public Task<IReadOnlyList<Elevation>> RevokeElevationsAsync(string subject, string revokedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            var revoked = new List<Elevation>();
            foreach (var i in Live(subject, now))
            {
                revoked.Add(_elevations[i].Elevation);
                _elevations[i] = (_elevations[i].Elevation, now);
            }

            return Task.FromResult<IReadOnlyList<Elevation>>(revoked);
        }
    }

    public Task<Elevation?> RevokeElevationAsync(string id, string revokedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            var i = _elevations.FindIndex(e => e is { RevokedAt: null } && e.Elevation.Id == id && e.Elevation.IsActiveAt(now));
            if (i < 0)
            {
                return Task.FromResult<Elevation?>(null);
            }

            _elevations[i] = (_elevations[i].Elevation, now);
            return Task.FromResult<Elevation?>(_elevations[i].Elevation);
        }
    }

    public Task<IReadOnlyList<Elevation>> AnnounceExpiredElevationsAsync(
        DateTimeOffset now, int max, Func<Elevation, IReadOnlyList<OutboxMessage>> announce, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            var due = _elevations.Where(e => e.RevokedAt is null && e.Elevation.ExpiresAt <= now && !_expiryAnnounced.Contains(e.Elevation.Id))
                .Select(e => e.Elevation).OrderBy(e => e.ExpiresAt).ThenBy(e => e.Id, StringComparer.Ordinal).Take(max).ToList();
            foreach (var e in due)
            {
                _expiryAnnounced.Add(e.Id);
                Queue(announce(e), now);
            }

            return Task.FromResult<IReadOnlyList<Elevation>>(due);
        }
    }

    private List<int> Live(string subject, DateTimeOffset now) =>
        Enumerable.Range(0, _elevations.Count)
            .Where(i => _elevations[i] is { RevokedAt: null } e && e.Elevation.Subject == subject && e.Elevation.IsActiveAt(now))
            .OrderBy(i => _elevations[i].Elevation.GrantedAt).ThenBy(i => _elevations[i].Elevation.Id, StringComparer.Ordinal)
            .ToList();

    // The real stores keep microseconds; so does the fake, so a round trip compares equal everywhere.
    private static Elevation Normalized(Elevation e) =>
        e with { GrantedAt = Bot.Features.Audit.AuditChain.Normalize(e.GrantedAt), ExpiresAt = Bot.Features.Audit.AuditChain.Normalize(e.ExpiresAt) };
}
