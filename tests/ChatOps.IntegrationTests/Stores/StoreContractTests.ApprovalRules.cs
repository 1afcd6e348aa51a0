using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>Issue 16 part 3: the approval rule bound into a pending approval, and an N-of-M quorum under a race.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task CreateAndGet_RoundTripTheApprovalRule_AndItsAbsence()
    {
        var ruled = Approval("ap-rule", requiredApprovers: 3) with
        {
            Eligible = new ApproverSet("dba on-call", Role.Admin, ["slack-group:S-DBA", "teams:0b0e6c2a-5d1f-4b8e-9a53-1f2d3c4b5a69"]),
        };
        var anyone = Approval("ap-rule-role-only") with { Eligible = new ApproverSet("prod", null, []) };

        await Store.CreateAsync(ruled, Ct);
        await Store.CreateAsync(anyone, Ct);
        await Store.CreateAsync(Approval("ap-no-rule"), Ct);

        (await Store.GetAsync("ap-rule", Ct)).ShouldNotBeNull().Eligible.ShouldBe(ruled.Eligible);
        (await Store.GetAsync("ap-rule-role-only", Ct)).ShouldNotBeNull().Eligible.ShouldBe(anyone.Eligible);
        (await Store.GetAsync("ap-no-rule", Ct)).ShouldNotBeNull().Eligible.ShouldBeNull();
        (await Store.VoteAsync("ap-rule", "slack:U2", T0, Ct)).Approval.ShouldNotBeNull().Eligible.ShouldBe(ruled.Eligible);
    }

    /// <summary>Three of M: two votes are recorded, the third alone runs it, however the voters on two replicas interleave.</summary>
    [Fact]
    public async Task Vote_ReachesAThreeOfMQuorumExactlyOnce_WhenEightVotersOnTwoReplicasRace()
    {
        for (var round = 0; round < RaceRounds; round++)
        {
            var id = $"ap-race3-{round}";
            await Store.CreateAsync(Approval(id, requiredApprovers: 3) with { Eligible = new ApproverSet("three admins", Role.Admin, []) }, Ct);

            var outcomes = await RaceVotesAsync(id);

            outcomes.Count(o => o == VoteOutcome.Recorded).ShouldBe(2);
            outcomes.Count(o => o == VoteOutcome.ReadyToExecute).ShouldBe(1);
            outcomes.Count(o => o == VoteOutcome.NotPending).ShouldBe(5);
            var approval = (await Store.GetAsync(id, Ct)).ShouldNotBeNull();
            approval.Status.ShouldBe(ApprovalStatus.Executing);
            approval.Approvers.Count.ShouldBe(3);
        }
    }
}
