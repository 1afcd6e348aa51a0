using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Infrastructure.Storage.Sqlite;
using ChatOps.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>Group commit on the real SQLite store: concurrent appends share transactions and still form one chain.</summary>
public sealed class GroupCommitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ConcurrentAppends_ShareCommits_AndFormOneUnbrokenChain()
    {
        using var dir = new TempDirectory();
        using var store = new SqliteChatOpsStore($"Data Source={Path.Combine(dir.Path, "audit.db")}", StoreContractTests.KeysOf("2025"));
        await store.MigrateAsync(CancellationToken.None);
        var counting = new CountingAuditLog(store);
        await using var log = new GroupCommitAuditLog(counting);

        var entries = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var mine = new List<AuditEntry>();
            for (var i = 0; i < 50; i++)
            {
                mine.Add(await log.AppendAsync(Record($"w{w}-{i}"), [new OutboxMessage("log", $"line {w}-{i}")], CancellationToken.None));
            }

            return mine;
        })));

        var all = entries.SelectMany(e => e).ToList();
        all.Select(e => e.Sequence).Distinct().Count().ShouldBe(400);
        all.ShouldAllBe(e => e.Record.RequestId.StartsWith('w'));
        (await store.VerifyAsync(CancellationToken.None)).ShouldSatisfyAllConditions(
            v => v.IsIntact.ShouldBeTrue(), v => v.VerifiedCount.ShouldBe(400));
        (await store.CountBacklogAsync(CancellationToken.None)).ShouldBe(400);
        counting.Batches.ShouldBeLessThan(400, "concurrent appends share transactions");
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task StoreFailure_ReachesEveryWaitingCaller()
    {
        using var dir = new TempDirectory();
        using var store = new SqliteChatOpsStore($"Data Source={dir.Path}", StoreContractTests.KeysOf("2025"));
        await using var log = new GroupCommitAuditLog(store);

        var attempts = Enumerable.Range(0, 5).Select(i => log.AppendAsync(Record($"r{i}"), [], CancellationToken.None)).ToList();

        foreach (var attempt in attempts)
        {
            await Should.ThrowAsync<AuditStoreUnavailableException>(() => attempt);
        }
    }

    private static AuditRecord Record(string id) => new(
        id, T0, "console", "alice", "alice", "C1", "test-scale web 1", "test-scale web 1", null,
        AuditDecision.Allowed, null, AuditOutcome.Succeeded, null, 1, id);

    private sealed class CountingAuditLog(IAuditLog inner) : IAuditLog
    {
        private int _batches;

        public int Batches => _batches;

        public Task<AuditEntry> AppendAsync(AuditRecord record, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken) =>
            inner.AppendAsync(record, outbox, cancellationToken);

        public Task<IReadOnlyList<AuditEntry>> AppendBatchAsync(IReadOnlyList<AuditAppend> appends, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _batches);
            return inner.AppendBatchAsync(appends, cancellationToken);
        }

        public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

        public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) => inner.VerifyAsync(cancellationToken);

        public Task<AuditEntry?> HeadAsync(CancellationToken cancellationToken) => inner.HeadAsync(cancellationToken);

        public Task<AuditEntry?> EntryAsync(long sequence, CancellationToken cancellationToken) => inner.EntryAsync(sequence, cancellationToken);
    }
}
