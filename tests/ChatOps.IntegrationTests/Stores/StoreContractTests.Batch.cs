using ChatOps.Bot.Features.Audit;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>Batch appends (group commit): one transaction, in order, all or nothing, one chain.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task AppendBatch_ChainsTheRecordsInOrder_WithTheirOutboxLines()
    {
        await Store.AppendAsync(Record("before"), [], Ct);

        var entries = await Store.AppendBatchAsync(
            [new AuditAppend(Record("b1"), [new OutboxMessage("log", "one")]), new AuditAppend(Record("b2"), []), new AuditAppend(Record("b3"), [new OutboxMessage("log", "three")])],
            Ct);

        entries.Select(e => (e.Sequence, e.Record.RequestId)).ShouldBe([(2L, "b1"), (3L, "b2"), (4L, "b3")]);
        entries[1].PreviousHash.ShouldBe(entries[0].Hash);
        (await Store.VerifyAsync(Ct)).VerifiedCount.ShouldBe(4);
        (await Store.ClaimDueAsync("w", 10, TimeSpan.FromSeconds(30), T0, Ct)).Select(i => i.Text).ShouldBe(["one", "three"]);
    }

    [Fact]
    public virtual async Task AppendBatch_IsAllOrNothing()
    {
        await Store.AppendAsync(Record("r1"), [], Ct);
        await ExecuteSqlAsync("DROP TABLE outbox");

        await Should.ThrowAsync<AuditStoreUnavailableException>(() => Store.AppendBatchAsync(
            [new AuditAppend(Record("b1"), []), new AuditAppend(Record("b2"), [new OutboxMessage("log", "x")])], Ct));

        (await Store.VerifyAsync(Ct)).VerifiedCount.ShouldBe(1, "the first record of the failed batch was rolled back too");
    }
}
