using System.Collections.Concurrent;
using ChatOps.Bot.Features.Audit;

namespace ChatOps.IntegrationTests.Stores;

public abstract partial class StoreContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Append_QueuesItsOutboxLines_DueAtOnce()
    {
        await Store.AppendAsync(Record("r1", T0.AddTicks(5)), [new OutboxMessage("log", "line one"), new OutboxMessage("slack:C1", "line two")], Ct);
        await Store.AppendAsync(Record("r2"), [], Ct);

        (await Store.CountBacklogAsync(Ct)).ShouldBe(2);
        var items = await Store.ClaimDueAsync("w1", 10, Lease, T0, Ct);

        items.Select(i => (i.Destination, i.Text, i.Attempts)).ShouldBe([("log", "line one", 0), ("slack:C1", "line two", 0)]);
        items.ShouldAllBe(i => i.CreatedAt == T0);
        items[0].Id.ShouldBeLessThan(items[1].Id);
    }

    [Fact]
    public virtual async Task Append_KeepsNoAuditRecord_WhenItsOutboxLineCannotBeWritten()
    {
        await Store.AppendAsync(Record("r1"), [new OutboxMessage("log", "one")], Ct);
        await ExecuteSqlAsync("DROP TABLE outbox");

        await Should.ThrowAsync<AuditStoreUnavailableException>(
            () => Store.AppendAsync(Record("r2"), [new OutboxMessage("log", "two")], Ct));

        (await Store.QueryAsync(new AuditQuery(), Ct)).ShouldHaveSingleItem().RequestId.ShouldBe("r1");
        (await Store.VerifyAsync(Ct)).VerifiedCount.ShouldBe(1);
    }

    [Fact]
    public async Task Claim_ReturnsOldestFirst_AtMostMax_AndOnlyDueItems()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Store.AppendAsync(Record($"r{i}", T0.AddMinutes(i)), [new OutboxMessage("log", $"line {i}")], Ct);
        }

        var notYet = await Store.ClaimDueAsync("w1", 10, Lease, T0, Ct);
        var claimed = await Store.ClaimDueAsync("w1", 2, Lease, T0.AddMinutes(4), Ct);

        notYet.ShouldBeEmpty();
        claimed.Select(i => i.Text).ShouldBe(["line 1", "line 2"]);
    }

    [Fact]
    public async Task Claim_LeasesItems_SoASecondClaimerGetsNothingUntilTheLeaseExpires()
    {
        await Store.AppendAsync(Record("r1"), [new OutboxMessage("log", "one")], Ct);
        var replica = OpenStore();

        var first = await Store.ClaimDueAsync("w1", 10, Lease, T0, Ct);
        var withinLease = await replica.ClaimDueAsync("w2", 10, Lease, T0 + Lease - TimeSpan.FromSeconds(1), Ct);
        var afterLease = await replica.ClaimDueAsync("w2", 10, Lease, T0 + Lease, Ct);

        first.ShouldHaveSingleItem();
        withinLease.ShouldBeEmpty();
        afterLease.ShouldHaveSingleItem().Id.ShouldBe(first[0].Id);
    }

    [Fact]
    public async Task Claim_NeverReturnsDeliveredItems()
    {
        await Store.AppendAsync(Record("r1"), [new OutboxMessage("log", "one")], Ct);
        var item = (await Store.ClaimDueAsync("w1", 10, Lease, T0, Ct)).ShouldHaveSingleItem();

        await Store.MarkDeliveredAsync(item.Id, "w1", T0.AddSeconds(1), Ct);

        (await Store.CountBacklogAsync(Ct)).ShouldBe(0);
        (await Store.ClaimDueAsync("w1", 10, Lease, T0.AddDays(1), Ct)).ShouldBeEmpty();
        (await Store.ClaimDueAsync("w2", 10, Lease, T0.AddDays(1), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task MarkDelivered_IsIgnored_WhenAnotherWorkerNowHoldsTheLease()
    {
        await Store.AppendAsync(Record("r1"), [new OutboxMessage("log", "one")], Ct);
        var item = (await Store.ClaimDueAsync("w1", 10, Lease, T0, Ct)).ShouldHaveSingleItem();
        (await Store.ClaimDueAsync("w2", 10, Lease, T0 + Lease, Ct)).ShouldHaveSingleItem();

        await Store.MarkDeliveredAsync(item.Id, "w1", T0 + Lease, Ct);
        (await Store.CountBacklogAsync(Ct)).ShouldBe(1);

        await Store.MarkDeliveredAsync(item.Id, "w2", T0 + Lease, Ct);
        (await Store.CountBacklogAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task MarkFailed_ReturnsTheItemAfterRetryAt_WithAttemptsIncremented()
    {
        await Store.AppendAsync(Record("r1"), [new OutboxMessage("log", "one")], Ct);
        var item = (await Store.ClaimDueAsync("w1", 10, Lease, T0, Ct)).ShouldHaveSingleItem();
        var retryAt = T0.AddMinutes(1);

        await Store.MarkFailedAsync(item.Id, "w1", retryAt, "429 Too Many Requests", Ct);

        (await Store.ClaimDueAsync("w1", 10, Lease, retryAt.AddTicks(-10), Ct)).ShouldBeEmpty();
        var retried = (await Store.ClaimDueAsync("w2", 10, Lease, retryAt, Ct)).ShouldHaveSingleItem();
        retried.Id.ShouldBe(item.Id);
        retried.Attempts.ShouldBe(1);
        (await Store.CountBacklogAsync(Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task Claim_NeverHandsOneItemToTwoOfEightConcurrentClaimers()
    {
        const int Items = 120;
        for (var i = 0; i < Items; i++)
        {
            // One destination each: lines of one destination are handed out one lease at a time, in order.
            await Store.AppendAsync(Record($"r{i}"), [new OutboxMessage($"slack:C{i}", $"line {i}")], Ct);
        }

        var replica = OpenStore();
        var claimedBy = new ConcurrentBag<(long Id, string Worker)>();
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var target = w % 2 == 0 ? Store : replica;
            start.Wait(Ct);
            while (true)
            {
                var batch = await target.ClaimDueAsync($"w{w}", 3, Lease, T0, Ct);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var item in batch)
                {
                    claimedBy.Add((item.Id, $"w{w}"));
                }
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(workers);

        claimedBy.Count.ShouldBe(Items);
        claimedBy.Select(c => c.Id).Distinct().Count().ShouldBe(Items);
    }
}
