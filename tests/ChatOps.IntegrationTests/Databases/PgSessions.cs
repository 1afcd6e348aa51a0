using ChatOps.IntegrationTests.Support;
using Npgsql;

namespace ChatOps.IntegrationTests.Databases;

/// <summary>
/// Real sessions on the test server, for the bot to list and signal: roles of their own (roles are server-wide,
/// so each test class gets a unique prefix), sessions that sleep, sit idle or sit idle in a transaction, and a view
/// of pg_stat_activity through the superuser connection to assert what really happened.
/// </summary>
public sealed class PgSessions : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly List<TestSession> _sessions = [];

    private PgSessions(string prefix) => Prefix = prefix;

    public string Prefix { get; }

    /// <summary>Non-superuser with pg_signal_backend and pg_read_all_stats: what manifests/postgres-bot-role.sql creates.</summary>
    public string Bot => $"{Prefix}_bot";

    /// <summary>Non-superuser with pg_read_all_stats but without pg_signal_backend.</summary>
    public string Weak => $"{Prefix}_weak";

    public string App => $"{Prefix}_app";

    public string Replicator => $"{Prefix}_repl";

    public static async Task<PgSessions> CreateAsync()
    {
        var sessions = new PgSessions($"cbt_{Guid.NewGuid():N}"[..12]);
        await AdminAsync($"""
            CREATE ROLE {sessions.Bot} LOGIN; GRANT pg_signal_backend, pg_read_all_stats TO {sessions.Bot};
            CREATE ROLE {sessions.Weak} LOGIN; GRANT pg_read_all_stats TO {sessions.Weak};
            CREATE ROLE {sessions.App} LOGIN; CREATE ROLE {sessions.Replicator} LOGIN;
            """);
        return sessions;
    }

    public static string ConnectionString(string database, string user, string application = "billing", bool pooling = false) =>
        new NpgsqlConnectionStringBuilder(PostgresTestDatabase.AdminConnectionString)
        {
            Database = database,
            Username = user,
            ApplicationName = application,
            Pooling = pooling,
        }.ConnectionString;

    /// <summary>A session running <paramref name="sql"/> (by default pg_sleep(600)) in the background, seen active.</summary>
    public async Task<TestSession> RunningAsync(string database, string user, string sql = "SELECT pg_sleep(600)")
    {
        var session = await OpenAsync(database, user);
        session.Start(sql);
        await WaitForAsync(session.Pid, a => a?.State == "active" && a.Query == sql);
        return session;
    }

    public async Task<TestSession> IdleAsync(string database, string user)
    {
        var session = await OpenAsync(database, user);
        await session.ExecuteAsync("SELECT 1");
        await WaitForAsync(session.Pid, a => a?.State == "idle");
        return session;
    }

    public async Task<TestSession> IdleInTransactionAsync(string database, string user)
    {
        var session = await OpenAsync(database, user);
        await session.ExecuteAsync("BEGIN; SELECT 1;");
        await WaitForAsync(session.Pid, a => a?.State == "idle in transaction");
        return session;
    }

    public static async Task<Activity?> ActivityAsync(int pid)
    {
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pid, state, query, backend_start, query_start, now() - query_start FROM pg_stat_activity WHERE pid = @pid", connection);
        command.Parameters.AddWithValue("pid", pid);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new Activity(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                reader.GetDateTime(3), reader.IsDBNull(4) ? null : reader.GetDateTime(4), reader.IsDBNull(5) ? null : reader.GetTimeSpan(5))
            : null;
    }

    /// <summary>Polls pg_stat_activity (state changes after a signal are asynchronous) with a bound; fails with what it last saw.</summary>
    public static async Task<Activity?> WaitForAsync(int pid, Func<Activity?, bool> condition, TimeSpan? bound = null)
    {
        var until = DateTime.UtcNow + (bound ?? Bound);
        while (true)
        {
            var activity = await ActivityAsync(pid);
            if (condition(activity))
            {
                return activity;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"pid {pid} did not reach the expected state; last seen: {activity?.ToString() ?? "gone"}");
            }

            await Task.Delay(bound is null ? 50 : 500);
        }
    }

    public static async Task TerminateAsync(int pid)
    {
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
        command.Parameters.AddWithValue("pid", pid);
        await command.ExecuteScalarAsync();
    }

    public static async Task<int> BotPidAsync(string database, string user)
    {
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE datname = @db AND usename = @user AND application_name = 'chatops-bot' LIMIT 1", connection);
        command.Parameters.AddWithValue("db", database);
        command.Parameters.AddWithValue("user", user);
        return (int)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("the bot has no connection open"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            await session.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP ROLE IF EXISTS {Bot}, {Weak}, {App}, {Replicator}");
    }

    private async Task<TestSession> OpenAsync(string database, string user)
    {
        var connection = new NpgsqlConnection(ConnectionString(database, user));
        await connection.OpenAsync();
        var session = new TestSession(connection);
        _sessions.Add(session);
        return session;
    }

    // Role names come from a GUID, never from input.
    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed record Activity(int Pid, string? State, string Query, DateTime BackendStart, DateTime? QueryStart, TimeSpan? Running);

/// <summary>One client connection the test controls. Its background query ends with an error when the bot signals it.</summary>
public sealed class TestSession(NpgsqlConnection connection) : IAsyncDisposable
{
    private Task? _running;

    public int Pid { get; } = connection.ProcessID;

    public void Start(string sql) => _running = Task.Run(() => ExecuteAsync(sql));

    public async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The SQLSTATE the background query ended with (57014 cancelled, 57P01 terminated), or null if it still runs.</summary>
    public async Task<string?> EndedWithAsync()
    {
        if (_running is null)
        {
            return null;
        }

        var done = await Task.WhenAny(_running, Task.Delay(TimeSpan.FromSeconds(10)));
        if (done != _running)
        {
            return null;
        }

        try
        {
            await _running;
            return "00000";
        }
        catch (PostgresException ex)
        {
            return ex.SqlState;
        }
        catch (NpgsqlException)
        {
            return "connection lost";
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing a connection whose query is still running would wait for pg_sleep(600): end it on the server first.
        if (_running is { IsCompleted: false })
        {
            await PgSessions.TerminateAsync(Pid);
        }

        try
        {
            await connection.DisposeAsync();
        }
        catch (NpgsqlException)
        {
            // Terminated by the test: nothing to close.
        }

        if (_running is not null)
        {
            try
            {
                await _running;
            }
            catch (NpgsqlException)
            {
                // Cancelled or terminated by the bot, as intended.
            }
        }
    }
}
