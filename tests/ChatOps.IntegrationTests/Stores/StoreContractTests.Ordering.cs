using ChatOps.Bot.Features.Audit;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>Audit lines reach each destination in the order they were written, even across retries and replicas.</summary>
public abstract partial class StoreContractTests
{
    private static readonly TimeSpan OrderLease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Claim_HoldsBackLinesBehindAFailedLine_OfTheSameDestinationOnly()
    {
        await Store.AppendAsync(Record("r1"), [new OutboxMessage("slack:C1", "first"), new OutboxMessage("log", "log first")], Ct);
        await Store.AppendAsync(Record("r2"), [new OutboxMessage("slack:C1", "second"), new OutboxMessage("log", "log second")], Ct);
        var batch = await Store.ClaimDueAsync("w1", 10, OrderLease, T0, Ct);
        var first = batch.Single(i => i.Text == "first");

        await Store.MarkFailedAsync(first.Id, "w1", T0.AddSeconds(10), "500", Ct);
        foreach (var other in batch.Where(i => i.Id != first.Id))
        {
            await Store.ReleaseAsync(other.Id, "w1", Ct);
        }

        var whileBackingOff = await Store.ClaimDueAsync("w1", 10, OrderLease, T0.AddSeconds(1), Ct);
        whileBackingOff.Select(i => i.Text).ShouldBe(["log first", "log second"], "another destination is not held back");

        var afterBackoff = await Store.ClaimDueAsync("w1", 10, OrderLease, T0.AddSeconds(11), Ct);
        afterBackoff.Select(i => (i.Text, i.Attempts)).ShouldBe([("first", 1), ("second", 0)]);
    }

    [Fact]
    public async Task Claim_DoesNotHandALaterLineToAnotherWorker_WhileAnEarlierOneIsLeased()
    {
        await Store.AppendAsync(Record("r1"), [new OutboxMessage("slack:C1", "first")], Ct);
        var replica = OpenStore();
        var first = (await Store.ClaimDueAsync("w1", 10, OrderLease, T0, Ct)).ShouldHaveSingleItem();
        await Store.AppendAsync(Record("r2"), [new OutboxMessage("slack:C1", "second")], Ct);

        (await replica.ClaimDueAsync("w2", 10, OrderLease, T0.AddSeconds(1), Ct)).ShouldBeEmpty();

        await Store.MarkDeliveredAsync(first.Id, "w1", T0.AddSeconds(2), Ct);
        (await replica.ClaimDueAsync("w2", 10, OrderLease, T0.AddSeconds(3), Ct)).ShouldHaveSingleItem().Text.ShouldBe("second");
    }

    [Fact]
    public async Task Release_GivesTheItemBack_WithoutCountingAnAttempt()
    {
        await Store.AppendAsync(Record("r1"), [new OutboxMessage("log", "one")], Ct);
        var item = (await Store.ClaimDueAsync("w1", 10, OrderLease, T0, Ct)).ShouldHaveSingleItem();

        await Store.ReleaseAsync(item.Id, "w2", Ct);
        (await Store.ClaimDueAsync("w3", 10, OrderLease, T0, Ct)).ShouldBeEmpty("only the lease holder can release");
        await Store.ReleaseAsync(item.Id, "w1", Ct);

        (await Store.ClaimDueAsync("w3", 10, OrderLease, T0, Ct)).ShouldHaveSingleItem().Attempts.ShouldBe(0);
    }
}
