using ChatOps.Bot.Features.Databases;

namespace ChatOps.Tests.Fakes;

/// <summary>
/// A hand-written pg_stat_activity: sessions tests add and change, signals recorded. It applies the same snapshot
/// rule the real adapter's SQL does (pid + backend start + query start) so handlers are tested against it.
/// </summary>
public sealed class FakeDatabaseOperations : IDatabaseOperations
{
    private static readonly DateTime Epoch = new(2026, 11, 23, 11, 0, 0, DateTimeKind.Utc);
    private readonly object _gate = new();
    private readonly List<DbSession> _sessions = [];
    private readonly List<(string Database, SessionKey Key, SessionSignal Signal)> _signals = [];
    private int _nextMicros;

    public DatabaseRole Bot { get; set; } = new("chatops_bot", IsSuperuser: false);

    /// <summary>Pids whose signal PostgreSQL refuses with "permission denied" (42501).</summary>
    public HashSet<int> Forbidden { get; } = [];

    /// <summary>Runs after the handler's lookup and before the signal: lets a test change the world in between.</summary>
    public Action? BeforeSignal { get; set; }

    public Exception? Unavailable { get; set; }

    public IReadOnlyList<(string Database, SessionKey Key, SessionSignal Signal)> Signals
    {
        get
        {
            lock (_gate)
            {
                return _signals.ToList();
            }
        }
    }

    public IReadOnlyList<DbSession> Sessions
    {
        get
        {
            lock (_gate)
            {
                return _sessions.ToList();
            }
        }
    }

    /// <summary>An active client session of the target, running <paramref name="query"/> for <paramref name="running"/>.</summary>
    public DbSession Add(int pid, TimeSpan running, string user = "app", string state = "active", string query = "select pg_sleep(600)",
        Func<DbSession, DbSession>? change = null)
    {
        var started = Epoch.AddMicroseconds(Interlocked.Increment(ref _nextMicros));
        var session = new DbSession(pid, user, DbSession.ClientBackend)
        {
            Database = "coredb",
            OnTarget = true,
            Application = "billing",
            ClientAddress = "10.0.0.7",
            State = state,
            BackendStart = started,
            QueryStart = started.AddSeconds(1),
            StateChange = started.AddSeconds(1),
            Query = query,
            Duration = running,
            MaySignal = true,
        };
        session = change?.Invoke(session) ?? session;
        lock (_gate)
        {
            _sessions.RemoveAll(s => s.Pid == pid);
            _sessions.Add(session);
        }

        return session;
    }

    public void Remove(int pid)
    {
        lock (_gate)
        {
            _sessions.RemoveAll(s => s.Pid == pid);
        }
    }

    public Task<SessionList> ListSessionsAsync(string database, SessionFilter filter, CancellationToken cancellationToken)
    {
        ThrowIfUnavailable();
        lock (_gate)
        {
            var client = _sessions.Where(s => s.IsClientBackend && s.OnTarget && !s.IsBot).ToList();
            var matching = client
                .Where(s => filter.States is null || filter.States.Contains(s.State))
                .Where(s => filter.MinDuration is null || s.Duration >= filter.MinDuration)
                .OrderByDescending(s => s.Duration).ThenBy(s => s.Pid)
                .ToList();
            var counts = client.GroupBy(s => s.State ?? "unknown").ToDictionary(g => g.Key, g => g.Count());
            return Task.FromResult(new SessionList(matching.Take(filter.Limit).ToList(), matching.Count, counts, Bot));
        }
    }

    public Task<SessionLookup> FindSessionsAsync(string database, IReadOnlyCollection<int> pids, CancellationToken cancellationToken)
    {
        ThrowIfUnavailable();
        lock (_gate)
        {
            return Task.FromResult(new SessionLookup(_sessions.Where(s => pids.Contains(s.Pid)).ToList(), Bot));
        }
    }

    public Task<IReadOnlyList<SignalResult>> SignalAsync(
        string database, IReadOnlyList<SessionKey> sessions, SessionSignal signal, CancellationToken cancellationToken)
    {
        ThrowIfUnavailable();
        BeforeSignal?.Invoke();
        var results = new List<SignalResult>();
        lock (_gate)
        {
            foreach (var key in sessions)
            {
                var current = _sessions.FirstOrDefault(s => key.Matches(s) && s.IsClientBackend && s.OnTarget && !s.IsBot);
                if (current is null)
                {
                    results.Add(new SignalResult(key, SignalOutcome.AlreadyGone));
                    continue;
                }

                if (Forbidden.Contains(key.Pid))
                {
                    results.Add(new SignalResult(key, SignalOutcome.PermissionDenied, "permission denied to terminate process"));
                    continue;
                }

                _signals.Add((database, key, signal));
                _sessions.Remove(current);
                if (signal == SessionSignal.Cancel)
                {
                    _sessions.Add(current with { State = "idle", Duration = TimeSpan.Zero });
                }

                results.Add(new SignalResult(key, SignalOutcome.Ended));
            }
        }

        return Task.FromResult<IReadOnlyList<SignalResult>>(results);
    }

    private void ThrowIfUnavailable()
    {
        if (Unavailable is { } ex)
        {
            throw ex;
        }
    }
}
