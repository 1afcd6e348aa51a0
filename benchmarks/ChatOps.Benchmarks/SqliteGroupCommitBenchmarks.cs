using BenchmarkDotNet.Attributes;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Infrastructure.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOps.Benchmarks;

/// <summary>
/// The bot's audit path on SQLite as the host wires it: <see cref="GroupCommitAuditLog"/> over the SQLite store on a
/// temp file (WAL, synchronous=FULL, real fsyncs). One record plus one outbox line per append. "1 at a time" is a batch
/// of one per append; "64 concurrent" lets the group commit gather them, as a busy bot does. Means are per append.
/// CHATOPS_BENCH_DIR puts the file elsewhere: on a tmpfs (/dev/shm) the fsyncs cost nothing and what is left is the
/// CPU of the append path.
/// </summary>
[MemoryDiagnoser]
public class SqliteGroupCommitBenchmarks
{
    private const int Concurrent = 64;

    private SqliteChatOpsStore _store = null!;
    private GroupCommitAuditLog _log = null!;
    private string _directory = null!;
    private long _n;

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Environment.GetEnvironmentVariable("CHATOPS_BENCH_DIR") is { Length: > 0 } parent
            ? Directory.CreateDirectory(Path.Combine(parent, "chatops-bench-" + Guid.NewGuid().ToString("N"))).FullName
            : Directory.CreateTempSubdirectory("chatops-bench-").FullName;
        _store = new SqliteChatOpsStore($"Data Source={Path.Combine(_directory, "audit.db")}", ChatOps.Tests.Fakes.TestChainKeys.Default);
        await _store.MigrateAsync(CancellationToken.None);
        _log = new GroupCommitAuditLog(_store);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _log.DisposeAsync();
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "group commit, 1 at a time")]
    public Task<AuditEntry> AppendOne() => Append();

    [Benchmark(Description = "group commit, 64 concurrent", OperationsPerInvoke = Concurrent)]
    public Task AppendConcurrent()
    {
        var appends = new Task[Concurrent];
        for (var i = 0; i < Concurrent; i++)
        {
            appends[i] = Append();
        }

        return Task.WhenAll(appends);
    }

    private Task<AuditEntry> Append()
    {
        var id = $"r-bench{Interlocked.Increment(ref _n)}";
        var record = new AuditRecord(id, AuditChain.Normalize(DateTimeOffset.UtcNow), "slack", "U024BE7LH", "alice", "C0OPS",
            "scale deployment/service-billing --replicas=5 -n urbanos", "scale service-billing 5 --namespace=urbanos",
            "prod-eks/urbanos", AuditDecision.Allowed, null, AuditOutcome.Succeeded, null, 42, id);
        return _log.AppendAsync(record, [new OutboxMessage("slack:C0AUDIT", "[ok] alice scaled service-billing")], CancellationToken.None);
    }
}
