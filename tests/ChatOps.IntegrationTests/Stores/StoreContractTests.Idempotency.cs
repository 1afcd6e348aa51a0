namespace ChatOps.IntegrationTests.Stores;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task TryClaim_SucceedsOnce_UntilTheClaimExpires()
    {
        (await Store.TryClaimAsync("slack:event:Ev1", T0, T0.AddHours(1), Ct)).ShouldBeTrue();
        (await Store.TryClaimAsync("slack:event:Ev1", T0.AddMinutes(59), T0.AddHours(2), Ct)).ShouldBeFalse();
        (await Store.TryClaimAsync("slack:event:Ev2", T0, T0.AddHours(1), Ct)).ShouldBeTrue("keys are independent");

        (await Store.TryClaimAsync("slack:event:Ev1", T0.AddHours(1), T0.AddHours(2), Ct)).ShouldBeTrue("an expired claim can be taken again");
        (await Store.TryClaimAsync("slack:event:Ev1", T0.AddHours(1).AddMinutes(1), T0.AddHours(3), Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task TryClaim_FromManyReplicasAtOnce_HasExactlyOneWinner()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => OpenStore()).ToList();
        var claims = replicas
            .SelectMany(r => Enumerable.Range(0, 5).Select(_ => r.TryClaimAsync("slack:action:C1:1700000000.0001:U1:approve r-1", T0, T0.AddDays(1), Ct)))
            .ToList();

        var results = await Task.WhenAll(claims);

        results.Count(won => won).ShouldBe(1);
    }

    [Fact]
    public async Task TryClaim_ForgetsExpiredKeys_WithoutLosingLiveOnes()
    {
        for (var i = 0; i < 150; i++)
        {
            (await Store.TryClaimAsync($"old-{i}", T0, T0.AddMinutes(1), Ct)).ShouldBeTrue();
        }

        (await Store.TryClaimAsync("live", T0, T0.AddDays(1), Ct)).ShouldBeTrue();
        (await Store.TryClaimAsync("new", T0.AddHours(1), T0.AddDays(1), Ct)).ShouldBeTrue();

        (await Store.TryClaimAsync("live", T0.AddHours(2), T0.AddDays(2), Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task Claim_RemembersItsOwner_ForTheCallersThatLose()
    {
        (await Store.ClaimAsync("slack:command:signature:ab", "r-first", T0, T0.AddMinutes(10), Ct)).ShouldBe(new(true, "r-first"));
        (await Store.ClaimAsync("slack:command:signature:ab", "r-copy", T0.AddMinutes(9), T0.AddMinutes(19), Ct)).ShouldBe(new(false, "r-first"));
        (await Store.ClaimAsync("slack:command:signature:ab", "r-later", T0.AddMinutes(10), T0.AddMinutes(20), Ct))
            .ShouldBe(new(true, "r-later"), "an expired claim is taken over by its new owner");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task Claim_SameDeliveryOnManyReplicasAtOnce_OneRuns_AndEveryOtherIsToldWhich()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => OpenStore()).ToList();
        var claims = replicas
            .SelectMany((r, i) => Enumerable.Range(0, 5).Select(j => r.ClaimAsync("slack:command:signature:cd", $"r-{i}-{j}", T0, T0.AddMinutes(10), Ct)))
            .ToList();

        var results = await Task.WhenAll(claims);

        var winner = results.Where(c => c.Claimed).ShouldHaveSingleItem();
        results.Where(c => !c.Claimed).ShouldAllBe(c => c.Owner == winner.Owner);
    }
}
