using System.Collections.Concurrent;
using System.Net.Sockets;
using ChatOps.Bot.Features.Databases;
using Npgsql;
using NpgsqlTypes;

namespace ChatOps.Bot.Infrastructure.Databases;

/// <summary>
/// <see cref="IDatabaseOperations"/> on Npgsql, one pool per configured target. Separate from the audit store: a
/// target is somebody else's database and the bot only reads pg_stat_activity and sends signals there.
/// </summary>
internal sealed class PostgresDatabaseOperations(IOptionsMonitor<TargetOptions> options, TimeProvider clock) : IDatabaseOperations, IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    // Keyed by the full connection string, so a reloaded configuration gets a new pool instead of a stale one.
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _sources = new(StringComparer.Ordinal);

    /// <summary>How long to wait for a signalled query or session to end before saying it is still running.</summary>
    public TimeSpan SignalWait { get; init; } = TimeSpan.FromSeconds(5);

    public Task<SessionList> ListSessionsAsync(string database, SessionFilter filter, CancellationToken cancellationToken) =>
        RunAsync(database, async connection =>
        {
            await using var batch = new NpgsqlBatch(connection);
            var list = new NpgsqlBatchCommand(SessionSql.List);
            list.Parameters.AddWithValue("app", SessionSql.BotApplicationName);
            list.Parameters.AddWithValue("states", filter.States?.ToArray() ?? []);
            list.Parameters.AddWithValue("has_min", filter.MinDuration is not null);
            list.Parameters.AddWithValue("min", filter.MinDuration ?? TimeSpan.Zero);
            list.Parameters.AddWithValue("limit", filter.Limit);
            var counts = new NpgsqlBatchCommand(SessionSql.StateCounts);
            counts.Parameters.AddWithValue("app", SessionSql.BotApplicationName);
            batch.BatchCommands.Add(list);
            batch.BatchCommands.Add(counts);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(SessionSql.Me));

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var sessions = new List<DbSession>();
            var matching = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                sessions.Add(ReadSession(reader));
                matching = (int)reader.GetInt64(19);
            }

            await reader.NextResultAsync(cancellationToken);
            var states = new Dictionary<string, int>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                states[reader.GetString(0)] = reader.GetInt32(1);
            }

            await reader.NextResultAsync(cancellationToken);
            return new SessionList(sessions, matching, states, await ReadRoleAsync(reader, cancellationToken));
        }, cancellationToken);

    public Task<SessionLookup> FindSessionsAsync(string database, IReadOnlyCollection<int> pids, CancellationToken cancellationToken) =>
        RunAsync(database, async connection =>
        {
            await using var batch = new NpgsqlBatch(connection);
            var find = new NpgsqlBatchCommand(SessionSql.Find);
            find.Parameters.AddWithValue("app", SessionSql.BotApplicationName);
            find.Parameters.AddWithValue("pids", pids.ToArray());
            batch.BatchCommands.Add(find);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(SessionSql.Me));

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var sessions = new List<DbSession>();
            while (await reader.ReadAsync(cancellationToken))
            {
                sessions.Add(ReadSession(reader));
            }

            await reader.NextResultAsync(cancellationToken);
            return new SessionLookup(sessions, await ReadRoleAsync(reader, cancellationToken));
        }, cancellationToken);

    public Task<IReadOnlyList<SignalResult>> SignalAsync(
        string database, IReadOnlyList<SessionKey> sessions, SessionSignal signal, CancellationToken cancellationToken) =>
        RunAsync(database, async connection =>
        {
            var results = new SignalResult[sessions.Count];
            for (var i = 0; i < sessions.Count; i++)
            {
                results[i] = await SignalOneAsync(connection, sessions[i], signal, cancellationToken);
            }

            await WaitForEndAsync(connection, results, signal, cancellationToken);
            return (IReadOnlyList<SignalResult>)results;
        }, cancellationToken);

    private static async Task<SignalResult> SignalOneAsync(NpgsqlConnection connection, SessionKey key, SessionSignal signal, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(signal == SessionSignal.Terminate ? SessionSql.Terminate : SessionSql.Cancel, connection);
        command.Parameters.AddWithValue("app", SessionSql.BotApplicationName);
        command.Parameters.AddWithValue("pid", key.Pid);
        command.Parameters.Add(new NpgsqlParameter("backend_start", NpgsqlDbType.TimestampTz) { Value = key.BackendStart });
        command.Parameters.Add(new NpgsqlParameter("query_start", NpgsqlDbType.TimestampTz) { Value = (object?)key.QueryStart ?? DBNull.Value });
        try
        {
            // No row: the snapshot no longer matches. False: the process went away between the match and the signal.
            return await command.ExecuteScalarAsync(cancellationToken) is true
                ? new SignalResult(key, SignalOutcome.StillRunning)
                : new SignalResult(key, SignalOutcome.AlreadyGone);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return new SignalResult(key, SignalOutcome.PermissionDenied, ex.MessageText);
        }
    }

    /// <summary>Polls pg_stat_activity (each statement sees a fresh view outside a transaction) until every signalled one ended.</summary>
    private async Task WaitForEndAsync(NpgsqlConnection connection, SignalResult[] results, SessionSignal signal, CancellationToken cancellationToken)
    {
        var deadline = clock.GetTimestamp();
        while (true)
        {
            var waiting = Enumerable.Range(0, results.Length).Where(i => results[i].Outcome == SignalOutcome.StillRunning).ToList();
            if (waiting.Count == 0)
            {
                return;
            }

            var running = await PollAsync(connection, waiting.Select(i => results[i].Session.Pid).ToArray(), cancellationToken);
            foreach (var i in waiting)
            {
                var key = results[i].Session;
                var row = running.FirstOrDefault(r => r.Pid == key.Pid && r.BackendStart == key.BackendStart);
                var ended = row is null
                    || signal == SessionSignal.Cancel && (row.QueryStart != key.QueryStart || row.State != "active");
                if (ended)
                {
                    results[i] = results[i] with { Outcome = SignalOutcome.Ended };
                }
            }

            if (clock.GetElapsedTime(deadline) >= SignalWait)
            {
                return;
            }

            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }

    private static async Task<List<PolledSession>> PollAsync(
        NpgsqlConnection connection, int[] pids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SessionSql.Poll, connection);
        command.Parameters.AddWithValue("pids", pids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PolledSession>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PolledSession(reader.GetInt32(0), Nullable<DateTime>(reader, 1), Nullable<DateTime>(reader, 2), NullableString(reader, 3)));
        }

        return rows;
    }

    private static DbSession ReadSession(NpgsqlDataReader r) => new(r.GetInt32(0), NullableString(r, 2) ?? string.Empty, r.GetString(5))
    {
        Database = NullableString(r, 1),
        Application = NullableString(r, 3) ?? string.Empty,
        ClientAddress = NullableString(r, 4),
        State = NullableString(r, 6),
        BackendStart = Nullable<DateTime>(r, 7),
        TransactionStart = Nullable<DateTime>(r, 8),
        QueryStart = Nullable<DateTime>(r, 9),
        StateChange = Nullable<DateTime>(r, 10),
        WaitEventType = NullableString(r, 11),
        WaitEvent = NullableString(r, 12),
        Query = NullableString(r, 13) ?? string.Empty,
        Duration = Nullable<TimeSpan>(r, 14),
        IsSuperuser = r.GetBoolean(15),
        IsBot = r.GetBoolean(16),
        MaySignal = r.GetBoolean(17),
        OnTarget = r.GetBoolean(18),
    };

    private static async Task<DatabaseRole> ReadRoleAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken);
        return new DatabaseRole(reader.GetString(0), reader.GetBoolean(1));
    }

    private static T? Nullable<T>(NpgsqlDataReader r, int i)
        where T : struct => r.IsDBNull(i) ? null : r.GetFieldValue<T>(i);

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private async Task<T> RunAsync<T>(string database, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await Source(database).OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PortFailure($"database {database} could not be queried: {Reason(ex)}", ex);
        }
    }

    private NpgsqlDataSource Source(string database)
    {
        if (!options.CurrentValue.Databases.TryGetValue(database, out var target))
        {
            throw new PortFailure($"database {database} is not configured");
        }

        string connectionString;
        try
        {
            connectionString = new NpgsqlConnectionStringBuilder(target.ConnectionString) { ApplicationName = SessionSql.BotApplicationName }.ConnectionString;
        }
        catch (ArgumentException)
        {
            // The builder's message can quote the string; the key name is enough to fix it.
            throw new PortFailure($"database {database} has an invalid connection string (ChatOps:Databases:{database}:ConnectionString)");
        }

        return _sources.GetOrAdd(connectionString, NpgsqlDataSource.Create);
    }

    /// <summary>One line an operator can act on; never the connection string.</summary>
    private static string Reason(NpgsqlException ex) => ex switch
    {
        PostgresException pg => $"{pg.MessageText} ({pg.SqlState})",
        { InnerException: SocketException socket } => $"{ex.Message.Split('\n')[0]} ({socket.SocketErrorCode})",
        { InnerException: TimeoutException } => "timed out",
        _ => ex.Message.Split('\n')[0],
    };

    private sealed record PolledSession(int Pid, DateTime? BackendStart, DateTime? QueryStart, string? State);

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values)
        {
            await source.DisposeAsync();
        }

        _sources.Clear();
    }
}
