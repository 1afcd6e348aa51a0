using ChatOps.Bot.Infrastructure.Vault;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Infrastructure.Vault;

public sealed class VaultTokenKeeperTests
{
    private readonly TestClock clock = new();
    private readonly FakeVaultAuth auth = new();

    [Fact]
    public async Task Renewal_IsDueAtTwoThirdsOfTheLease_AndAsksForAFullLeaseAgain()
    {
        using var keeper = new VaultTokenKeeper(auth, clock);
        var start = clock.GetUtcNow();
        (await keeper.TokenAsync(CancellationToken.None)).ShouldBe("t1");
        keeper.RenewAt.ShouldBe(start + TimeSpan.FromMinutes(60));

        clock.Advance(TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(1));
        (await keeper.RenewIfDueAsync(CancellationToken.None)).ShouldBe(VaultRenewal.NotDue);
        auth.Calls.ShouldBe(["login"]);

        clock.Advance(TimeSpan.FromSeconds(1));
        (await keeper.RenewIfDueAsync(CancellationToken.None)).ShouldBe(VaultRenewal.Renewed);
        auth.Calls.ShouldBe(["login", "renew:t1"]);
        auth.Increments.ShouldBe([TimeSpan.FromMinutes(90)]);
        keeper.RenewAt.ShouldBe(clock.GetUtcNow() + TimeSpan.FromMinutes(60));
        (await keeper.TokenAsync(CancellationToken.None)).ShouldBe("t1");
    }

    [Fact]
    public async Task RefusedRenewal_LogsInAgain()
    {
        using var keeper = new VaultTokenKeeper(auth, clock);
        await keeper.TokenAsync(CancellationToken.None);
        auth.NextRenewal = _ => throw FakeVaultAuth.Refused();

        clock.Advance(TimeSpan.FromMinutes(60));
        (await keeper.RenewIfDueAsync(CancellationToken.None)).ShouldBe(VaultRenewal.LoggedIn);

        (await keeper.TokenAsync(CancellationToken.None)).ShouldBe("t2");
        keeper.RenewAt.ShouldBe(clock.GetUtcNow() + TimeSpan.FromMinutes(60));
    }

    [Fact]
    public async Task NotRenewableToken_IsReplacedByALogin_WithoutAskingToRenew()
    {
        auth.Renewable = false;
        using var keeper = new VaultTokenKeeper(auth, clock);
        await keeper.TokenAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(60));
        (await keeper.RenewIfDueAsync(CancellationToken.None)).ShouldBe(VaultRenewal.LoggedIn);

        auth.Calls.ShouldBe(["login", "login"]);
    }

    [Fact]
    public async Task RenewalThatNoLongerBuysAThirdOfALease_LogsInAgain_BeforeTheMaxTtlEndsIt()
    {
        using var keeper = new VaultTokenKeeper(auth, clock);
        await keeper.TokenAsync(CancellationToken.None);
        auth.NextRenewal = _ => new VaultLease("t1", TimeSpan.FromMinutes(29), true);

        clock.Advance(TimeSpan.FromMinutes(60));
        (await keeper.RenewIfDueAsync(CancellationToken.None)).ShouldBe(VaultRenewal.LoggedIn);

        auth.Calls.ShouldBe(["login", "renew:t1", "login"]);
    }

    [Fact]
    public async Task VaultUnavailable_KeepsTheToken_AndRetriesWithinThirtySeconds()
    {
        using var keeper = new VaultTokenKeeper(auth, clock);
        await keeper.TokenAsync(CancellationToken.None);
        auth.NextRenewal = _ => throw FakeVaultAuth.Sealed();
        clock.Advance(TimeSpan.FromMinutes(60));

        await Should.ThrowAsync<VaultException>(() => keeper.RenewIfDueAsync(CancellationToken.None));

        keeper.RenewAt.ShouldBe(clock.GetUtcNow() + TimeSpan.FromSeconds(30));
        (await keeper.TokenAsync(CancellationToken.None)).ShouldBe("t1");
        clock.Advance(TimeSpan.FromSeconds(30));
        (await keeper.RenewIfDueAsync(CancellationToken.None)).ShouldBe(VaultRenewal.Renewed);
        auth.LogIns.ShouldBe(1);
    }

    [Fact]
    public async Task RetryDelay_ShrinksWithTheTimeLeft_ButNotBelowOneSecond()
    {
        auth.Lease = TimeSpan.FromSeconds(30);
        using var keeper = new VaultTokenKeeper(auth, clock);
        await keeper.TokenAsync(CancellationToken.None);
        auth.NextRenewal = _ => throw FakeVaultAuth.Sealed();
        clock.Advance(TimeSpan.FromSeconds(20));

        await Should.ThrowAsync<VaultException>(() => keeper.RenewIfDueAsync(CancellationToken.None));
        keeper.RenewAt.ShouldBe(clock.GetUtcNow() + TimeSpan.FromSeconds(5));

        auth.NextRenewal = _ => throw FakeVaultAuth.Sealed();
        clock.Advance(TimeSpan.FromSeconds(9));
        await Should.ThrowAsync<VaultException>(() => keeper.RenewIfDueAsync(CancellationToken.None));
        keeper.RenewAt.ShouldBe(clock.GetUtcNow() + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ExpiredToken_IsReplacedOnItsNextUse()
    {
        using var keeper = new VaultTokenKeeper(auth, clock);
        await keeper.TokenAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(90));

        (await keeper.TokenAsync(CancellationToken.None)).ShouldBe("t2");
    }

    [Fact]
    public async Task ForgottenToken_IsReplacedOnItsNextUse_OnlyWhenItIsTheCurrentOne()
    {
        using var keeper = new VaultTokenKeeper(auth, clock);
        await keeper.TokenAsync(CancellationToken.None);

        keeper.Forget("t0").ShouldBeFalse();
        keeper.Forget("t1").ShouldBeTrue();

        (await keeper.TokenAsync(CancellationToken.None)).ShouldBe("t2");
    }

    [Fact]
    public async Task ConfiguredToken_RefusedRenewal_IsReported_AndNotRetried_ButTheTokenIsStillUsed()
    {
        var configured = new FakeVaultAuth(canLogInAgain: false);
        using var keeper = new VaultTokenKeeper(configured, clock);
        await keeper.TokenAsync(CancellationToken.None);
        configured.NextRenewal = _ => throw FakeVaultAuth.Refused();
        clock.Advance(TimeSpan.FromMinutes(60));

        await Should.ThrowAsync<VaultException>(() => keeper.RenewIfDueAsync(CancellationToken.None));

        keeper.RenewAt.ShouldBeNull();
        keeper.Forget("t1").ShouldBeFalse("a configured token cannot be replaced by logging in");
        (await keeper.TokenAsync(CancellationToken.None)).ShouldBe("t1");
        configured.LogIns.ShouldBe(1);
    }

    [Theory]
    [InlineData(0, true, false)]
    [InlineData(3600, false, false)]
    [InlineData(3600, true, true)]
    public async Task ConfiguredToken_IsRenewedOnlyWhenItExpiresAndMayBeRenewed(int seconds, bool renewable, bool scheduled)
    {
        var configured = new FakeVaultAuth(canLogInAgain: false) { Lease = TimeSpan.FromSeconds(seconds), Renewable = renewable };
        using var keeper = new VaultTokenKeeper(configured, clock);

        await keeper.TokenAsync(CancellationToken.None);

        (keeper.RenewAt is not null).ShouldBe(scheduled);
    }
}
