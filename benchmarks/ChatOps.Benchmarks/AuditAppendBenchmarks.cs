using BenchmarkDotNet.Attributes;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Infrastructure.Storage.Postgres;
using ChatOps.Bot.Infrastructure.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChatOps.Benchmarks;

/// <summary>
/// Audit append throughput (one record plus one outbox line, as a mutating command writes) on the real stores:
/// one writer, and 8 concurrent writers sharing one chain. PostgreSQL runs when CHATOPS_BENCH_POSTGRES names a
/// server (a database is created and dropped); SQLite always runs, on a temp file.
/// </summary>
[MemoryDiagnoser]
public class AuditAppendBenchmarks
{
    private const int Writers = 8;
    private const int PerWriter = 8;

    private IChatOpsStore _store = null!;
    private NpgsqlDataSource? _dataSource;
    private string? _database;
    private string? _directory;
    private long _n;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    public static IEnumerable<string> Providers() =>
        Environment.GetEnvironmentVariable("CHATOPS_BENCH_POSTGRES") is { Length: > 0 } ? ["Sqlite", "Postgres"] : ["Sqlite"];

    [GlobalSetup]
    public async Task Setup()
    {
        if (Provider == "Postgres")
        {
            var admin = Environment.GetEnvironmentVariable("CHATOPS_BENCH_POSTGRES")!;
            _database = $"chatops_bench_{Guid.NewGuid():N}"[..26];
            await AdminAsync(admin, $"CREATE DATABASE \"{_database}\"");
            _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(admin) { Database = _database }.ConnectionString);
            _store = new PostgresChatOpsStore(_dataSource, ChatOps.Tests.Fakes.TestChainKeys.Default);
        }
        else
        {
            _directory = Directory.CreateTempSubdirectory("chatops-bench-").FullName;
            _store = new SqliteChatOpsStore($"Data Source={Path.Combine(_directory, "audit.db")}", ChatOps.Tests.Fakes.TestChainKeys.Default);
        }

        await _store.MigrateAsync(CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        (_store as IDisposable)?.Dispose();
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
            await AdminAsync(Environment.GetEnvironmentVariable("CHATOPS_BENCH_POSTGRES")!, $"DROP DATABASE \"{_database}\" WITH (FORCE)");
        }

        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Benchmark(Description = "append, 1 writer")]
    public Task<AuditEntry> AppendOne() => Append();

    [Benchmark(Description = "append, 8 concurrent writers", OperationsPerInvoke = Writers * PerWriter)]
    public Task AppendConcurrent() => Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
    {
        for (var i = 0; i < PerWriter; i++)
        {
            await Append();
        }
    })));

    private Task<AuditEntry> Append()
    {
        var id = $"r-bench{Interlocked.Increment(ref _n)}";
        var record = new AuditRecord(id, AuditChain.Normalize(DateTimeOffset.UtcNow), "slack", "U024BE7LH", "alice", "C0OPS",
            "scale deployment/service-billing --replicas=5 -n urbanos", "scale service-billing 5 --namespace=urbanos",
            "prod-eks/urbanos", AuditDecision.Allowed, null, AuditOutcome.Succeeded, null, 42, id);
        return _store.AppendAsync(record, [new OutboxMessage("slack:C0AUDIT", "[ok] alice scaled service-billing")], CancellationToken.None);
    }

    private static async Task AdminAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
