using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Infrastructure.Storage;

namespace ChatOps.IntegrationTests.Stores;

public abstract partial class StoreContractTests
{
    // A property: static fields of partial classes initialize in an unspecified file order, before T0 may be set.
    private static DateTimeOffset Expiry => T0.AddMinutes(10);

    protected static PendingApproval Approval(string id, int requiredApprovers = 1) => new(
        Id: id,
        RequestHash: "a3f1c2",
        CanonicalCommand: "deploy rollback api --to 41",
        RawText: "!deploy rollback api --to 41",
        Platform: "slack",
        RequesterId: "U1",
        RequesterName: "alice",
        ChannelId: "C1",
        ThreadId: null,
        RequestCorrelationId: "corr-" + id,
        RequiredRole: Role.Admin,
        Target: null,
        Namespace: null,
        CreatedAt: T0,
        ExpiresAt: Expiry,
        RequiredApprovers: requiredApprovers,
        Status: ApprovalStatus.Pending,
        Approvers: []);

    [Fact]
    public async Task CreateAndGet_RoundTripEveryField()
    {
        var approval = Approval("ap-full", requiredApprovers: 2) with
        {
            ThreadId = "1700000000.000100",
            Target = "prod/api",
            Namespace = "payments",
            RequiredRole = Role.Operator,
            CreatedAt = new DateTimeOffset(2025, 3, 1, 13, 0, 0, TimeSpan.FromHours(1)).AddTicks(15),
            Approvers = ["carol"],
        };

        await Store.CreateAsync(approval, Ct);
        var read = (await Store.GetAsync("ap-full", Ct)).ShouldNotBeNull();

        read.ShouldBe(approval with { CreatedAt = T0.AddTicks(10), Approvers = read.Approvers });
        read.Approvers.ShouldBe(["carol"]);
    }

    [Fact]
    public async Task Get_ReturnsNull_AndVoteReturnsNotFound_WhenTheApprovalDoesNotExist()
    {
        (await Store.GetAsync("missing", Ct)).ShouldBeNull();
        var vote = await Store.VoteAsync("missing", "bob", T0, Ct);

        vote.Outcome.ShouldBe(VoteOutcome.NotFound);
        vote.Approval.ShouldBeNull();
    }

    [Fact]
    public async Task Create_Throws_WhenTheIdAlreadyExists()
    {
        await Store.CreateAsync(Approval("ap-1"), Ct);

        await Should.ThrowAsync<InvalidOperationException>(() => Store.CreateAsync(Approval("ap-1"), Ct));
    }

    [Fact]
    public async Task Vote_ReturnsReadyToExecuteExactlyOnce_WhenEightVotersOnTwoReplicasRace()
    {
        for (var round = 0; round < RaceRounds; round++)
        {
            var id = $"ap-race-{round}";
            await Store.CreateAsync(Approval(id), Ct);

            var outcomes = await RaceVotesAsync(id);

            outcomes.Count(o => o == VoteOutcome.ReadyToExecute).ShouldBe(1);
            outcomes.Count(o => o == VoteOutcome.NotPending).ShouldBe(7);
            var approval = (await Store.GetAsync(id, Ct)).ShouldNotBeNull();
            approval.Status.ShouldBe(ApprovalStatus.Executing);
            approval.Approvers.ShouldHaveSingleItem();
        }
    }

    /// <summary>
    /// The harder race: the first vote only adds a vote row, so the second voter must see it although the approval
    /// row itself did not change while it waited for the lock.
    /// </summary>
    [Fact]
    public async Task Vote_ReachesATwoPersonQuorumExactlyOnce_WhenEightVotersOnTwoReplicasRace()
    {
        for (var round = 0; round < RaceRounds; round++)
        {
            var id = $"ap-race2-{round}";
            await Store.CreateAsync(Approval(id, requiredApprovers: 2), Ct);

            var outcomes = await RaceVotesAsync(id);

            outcomes.Count(o => o == VoteOutcome.Recorded).ShouldBe(1);
            outcomes.Count(o => o == VoteOutcome.ReadyToExecute).ShouldBe(1);
            outcomes.Count(o => o == VoteOutcome.NotPending).ShouldBe(6);
            (await Store.GetAsync(id, Ct)).ShouldNotBeNull().Approvers.Count.ShouldBe(2);
        }
    }

    [Fact]
    public async Task Vote_RecordsTheFirstOfTwoRequiredVotes_AndTheSecondMakesItReady()
    {
        await Store.CreateAsync(Approval("ap-2", requiredApprovers: 2), Ct);

        var first = await Store.VoteAsync("ap-2", "bob", T0.AddMinutes(1), Ct);
        var second = await Store.VoteAsync("ap-2", "carol", T0.AddMinutes(2), Ct);

        first.Outcome.ShouldBe(VoteOutcome.Recorded);
        first.Approval.ShouldNotBeNull().Status.ShouldBe(ApprovalStatus.Pending);
        first.Approval.Approvers.ShouldBe(["bob"]);
        second.Outcome.ShouldBe(VoteOutcome.ReadyToExecute);
        second.Approval.ShouldNotBeNull().Status.ShouldBe(ApprovalStatus.Executing);
        var stored = (await Store.GetAsync("ap-2", Ct)).ShouldNotBeNull();
        stored.Status.ShouldBe(ApprovalStatus.Executing);
        stored.Approvers.ShouldBe(["bob", "carol"]);
    }

    [Fact]
    public async Task Vote_ReturnsAlreadyVoted_WhenTheSameApproverVotesTwice()
    {
        await Store.CreateAsync(Approval("ap-dup", requiredApprovers: 2), Ct);

        await Store.VoteAsync("ap-dup", "bob", T0, Ct);
        var again = await Store.VoteAsync("ap-dup", "bob", T0, Ct);

        again.Outcome.ShouldBe(VoteOutcome.AlreadyVoted);
        var stored = (await Store.GetAsync("ap-dup", Ct)).ShouldNotBeNull();
        stored.Status.ShouldBe(ApprovalStatus.Pending);
        stored.Approvers.ShouldBe(["bob"]);
    }

    [Fact]
    public async Task Vote_ExpiresTheApproval_WhenCastAtOrAfterExpiry()
    {
        await Store.CreateAsync(Approval("ap-old"), Ct);

        var vote = await Store.VoteAsync("ap-old", "bob", Expiry, Ct);

        vote.Outcome.ShouldBe(VoteOutcome.Expired);
        vote.Approval.ShouldNotBeNull().Status.ShouldBe(ApprovalStatus.Expired);
        var stored = (await Store.GetAsync("ap-old", Ct)).ShouldNotBeNull();
        stored.Status.ShouldBe(ApprovalStatus.Expired);
        stored.Approvers.ShouldBeEmpty();
        (await Store.VoteAsync("ap-old", "carol", T0, Ct)).Outcome.ShouldBe(VoteOutcome.NotPending);
    }

    [Fact]
    public async Task Deny_SucceedsOnlyWhilePending_AndRecordsWhoAndWhy()
    {
        await Store.CreateAsync(Approval("ap-deny"), Ct);
        await Store.CreateAsync(Approval("ap-running"), Ct);
        await Store.VoteAsync("ap-running", "bob", T0, Ct);

        (await Store.DenyAsync("ap-deny", "bob", "not during the freeze", T0, Ct)).ShouldBeTrue();
        (await Store.DenyAsync("ap-deny", "carol", null, T0, Ct)).ShouldBeFalse();
        (await Store.DenyAsync("ap-running", "carol", null, T0, Ct)).ShouldBeFalse();
        (await Store.DenyAsync("missing", "carol", null, T0, Ct)).ShouldBeFalse();

        var denied = (await Store.GetAsync("ap-deny", Ct)).ShouldNotBeNull();
        denied.Status.ShouldBe(ApprovalStatus.Denied);
        denied.DecidedBy.ShouldBe("bob");
        denied.Reason.ShouldBe("not during the freeze");
        (await Store.VoteAsync("ap-deny", "carol", T0, Ct)).Outcome.ShouldBe(VoteOutcome.NotPending);
        (await Store.GetAsync("ap-running", Ct)).ShouldNotBeNull().Status.ShouldBe(ApprovalStatus.Executing);
    }

    [Fact]
    public async Task Complete_MovesExecutingToExecutedOrFailed_AndLeavesOtherStatesAlone()
    {
        await Store.CreateAsync(Approval("ap-ok"), Ct);
        await Store.CreateAsync(Approval("ap-bad"), Ct);
        await Store.CreateAsync(Approval("ap-pending"), Ct);
        await Store.VoteAsync("ap-ok", "bob", T0, Ct);
        await Store.VoteAsync("ap-bad", "bob", T0, Ct);

        await Store.CompleteAsync("ap-ok", succeeded: true, error: null, Ct);
        await Store.CompleteAsync("ap-bad", succeeded: false, error: "kubectl: forbidden", Ct);
        await Store.CompleteAsync("ap-pending", succeeded: true, error: null, Ct);

        (await Store.GetAsync("ap-ok", Ct)).ShouldNotBeNull().Status.ShouldBe(ApprovalStatus.Executed);
        var failed = (await Store.GetAsync("ap-bad", Ct)).ShouldNotBeNull();
        failed.Status.ShouldBe(ApprovalStatus.Failed);
        failed.Reason.ShouldBe("kubectl: forbidden");
        (await Store.GetAsync("ap-pending", Ct)).ShouldNotBeNull().Status.ShouldBe(ApprovalStatus.Pending);
    }

    [Fact]
    public async Task CountPending_CountsOnlyPendingApprovalsThatHaveNotExpired()
    {
        await Store.CreateAsync(Approval("ap-a"), Ct);
        await Store.CreateAsync(Approval("ap-b") with { ExpiresAt = T0.AddMinutes(1) }, Ct);
        await Store.CreateAsync(Approval("ap-c"), Ct);
        await Store.DenyAsync("ap-c", "bob", null, T0, Ct);

        (await Store.CountPendingAsync(T0, Ct)).ShouldBe(2);
        (await Store.CountPendingAsync(T0.AddMinutes(1), Ct)).ShouldBe(1);
        (await Store.CountPendingAsync(Expiry, Ct)).ShouldBe(0);
    }

    /// <summary>Races are won by timing; several rounds make a lost update show up reliably.</summary>
    private const int RaceRounds = 10;

    private IChatOpsStore? voteReplica;

    private async Task<List<VoteOutcome>> RaceVotesAsync(string id)
    {
        var replica = voteReplica ??= OpenStore();
        using var start = new ManualResetEventSlim();
        var voters = Enumerable.Range(0, 8).Select(v => Task.Run(async () =>
        {
            var target = v % 2 == 0 ? Store : replica;
            start.Wait(Ct);
            return (await target.VoteAsync(id, $"approver-{v}", T0.AddMinutes(1), Ct)).Outcome;
        })).ToList();
        start.Set();
        return [.. await Task.WhenAll(voters)];
    }
}
