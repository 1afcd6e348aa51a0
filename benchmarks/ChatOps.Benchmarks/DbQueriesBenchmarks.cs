using BenchmarkDotNet.Attributes;
using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Databases;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChatOps.Benchmarks;

/// <summary>
/// `db queries` against a real PostgreSQL holding 200 open client sessions (150 running pg_sleep, 50 idle): the
/// adapter's one round trip, and the whole command through parser, pipeline (audit on the in-memory store) and
/// handler. Needs CHATOPS_BENCH_POSTGRES (a superuser connection string); a database is created and dropped.
/// </summary>
[MemoryDiagnoser]
public class DbQueriesBenchmarks
{
    private const int Sleeping = 150;
    private const int Idle = 50;

    private readonly List<NpgsqlConnection> _sessions = [];
    private readonly List<Task> _running = [];
    private string _admin = null!;
    private string _database = null!;
    private ServiceProvider _services = null!;
    private CommandDispatcher _dispatcher = null!;
    private IDatabaseOperations _operations = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _admin = Environment.GetEnvironmentVariable("CHATOPS_BENCH_POSTGRES") is { Length: > 0 } admin
            ? admin
            : throw new InvalidOperationException("set CHATOPS_BENCH_POSTGRES to a PostgreSQL superuser connection string");
        _database = $"chatops_bench_q_{Guid.NewGuid():N}"[..28];
        await AdminAsync($"CREATE DATABASE \"{_database}\"");
        var target = new NpgsqlConnectionStringBuilder(_admin) { Database = _database, Pooling = false, ApplicationName = "billing" }.ConnectionString;
        for (var i = 0; i < Sleeping + Idle; i++)
        {
            var connection = new NpgsqlConnection(target);
            await connection.OpenAsync();
            _sessions.Add(connection);
            var sql = i < Sleeping ? $"SELECT pg_sleep(3600) /* worker {i} */" : "SELECT 1";
            var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            _running.Add(i < Sleeping ? Task.Run(() => command.ExecuteNonQueryAsync()) : command.ExecuteNonQueryAsync());
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatOps:Roles:Bindings:0:Subject"] = "console:alice",
            ["ChatOps:Roles:Bindings:0:Role"] = "viewer",
            ["ChatOps:Databases:coredb:ConnectionString"] = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddChatOpsCore(configuration);
        services.AddSingleton<IChatOpsStore>(new InMemoryChatOpsStore());
        _services = services.BuildServiceProvider();
        _dispatcher = _services.GetRequiredService<CommandDispatcher>();
        _operations = _services.GetRequiredService<IDatabaseOperations>();

        var all = await DbQueriesAll();
        if (all.Tables[0].Rows.Count != 100 || !all.Tables[0].Caption!.StartsWith("100 of 200 ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"expected 200 sessions: {all.Text.Split('\n')[0]}");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _services.DisposeAsync();
        await AdminAsync($"DROP DATABASE \"{_database}\" WITH (FORCE)");
        foreach (var connection in _sessions)
        {
            try
            {
                await connection.DisposeAsync();
            }
            catch (NpgsqlException)
            {
                // Terminated by the drop.
            }
        }

        await Task.WhenAll(_running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    [Benchmark(Description = "adapter: list sessions (200 open, 20 longest active)")]
    public Task<SessionList> Adapter() =>
        _operations.ListSessionsAsync("coredb", new SessionFilter(["active"], null, 20), CancellationToken.None);

    [Benchmark(Description = "`db queries` end to end (20 rows)")]
    public Task<OperationResult> DbQueries() => Run("db queries");

    [Benchmark(Description = "`db queries --state all --limit 100` end to end")]
    public Task<OperationResult> DbQueriesAll() => Run("db queries --state all --limit 100");

    private Task<OperationResult> Run(string text) => _dispatcher.DispatchAsync(
        text, new ChatContext("console", "alice", "alice", "C-OPS", null, RequestIds.New(), DateTimeOffset.UtcNow), CancellationToken.None);

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
