using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Authorization;

namespace ChatOps.IntegrationTests.Stores;

public abstract partial class StoreContractTests
{
    private static Elevation Elevated(string id, string subject = "slack:U100", TimeSpan? lasts = null, string? target = "prod-eks") =>
        new(id, subject, Role.Admin, target, target is null ? null : "billing", "db failover", "INC-2025-0001", subject, T0, T0 + (lasts ?? TimeSpan.FromHours(1)));

    [Fact]
    public async Task Elevation_ReadsBackEveryField_WhileLive_AndExpiresOnItsOwn_AtTheBoundary()
    {
        var lease = Elevated("el-1");
        await Store.GrantElevationAsync(lease, Ct);

        (await Store.ActiveElevationsAsync("slack:U100", T0, Ct)).ShouldBe([lease]);
        (await Store.ActiveElevationsAsync("slack:U100", lease.ExpiresAt.AddTicks(-10), Ct)).ShouldBe([lease]);
        (await Store.ActiveElevationsAsync("slack:U100", lease.ExpiresAt, Ct)).ShouldBeEmpty();
        (await Store.ActiveElevationsAsync("slack:U100", T0.AddTicks(-10), Ct)).ShouldBeEmpty();
        (await Store.ActiveElevationsAsync("slack:U999", T0, Ct)).ShouldBeEmpty();
    }

    /// <summary>
    /// Read by every command of a caller working under break-glass, so a store may keep the statement (and its
    /// connection) between reads: each read must still see what this store and another replica granted and revoked
    /// since, for the subject and the instant it asks about.
    /// </summary>
    [Fact]
    public async Task Elevation_ReadAgainAndAgain_SeesEveryGrantAndRevocationSince_FromThisStoreAndAnotherReplica()
    {
        var replica = OpenStore();
        await replica.MigrateAsync(Ct);

        (await Store.ActiveElevationsAsync("slack:U100", T0, Ct)).ShouldBeEmpty();
        await replica.GrantElevationAsync(Elevated("el-1"), Ct);
        (await Store.ActiveElevationsAsync("slack:U100", T0, Ct)).Select(e => e.Id).ShouldBe(["el-1"]);
        (await Store.ActiveElevationsAsync("slack:U200", T0, Ct)).ShouldBeEmpty();

        await Store.GrantElevationAsync(Elevated("el-2", subject: "slack:U200"), Ct);
        var reads = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => Store.ActiveElevationsAsync(i % 2 == 0 ? "slack:U100" : "slack:U200", T0.AddMinutes(i), Ct), Ct)));
        reads.Select(r => r.Single().Id).ShouldBe(Enumerable.Range(0, 32).Select(i => i % 2 == 0 ? "el-1" : "el-2"));

        await replica.RevokeElevationsAsync("slack:U100", "slack:U900", T0.AddMinutes(40), Ct);
        (await Store.ActiveElevationsAsync("slack:U100", T0.AddMinutes(41), Ct)).ShouldBeEmpty();
        (await Store.ActiveElevationsAsync("slack:U200", T0.AddMinutes(41), Ct)).Select(e => e.Id).ShouldBe(["el-2"]);
        (await Store.ActiveElevationsAsync("slack:U200", T0.AddHours(2), Ct)).ShouldBeEmpty("expired by the instant asked about");
    }

    [Fact]
    public async Task Elevation_IsSeenByEveryReplica_AndRevokedOnce()
    {
        var other = OpenStore();
        await Store.GrantElevationAsync(Elevated("el-1"), Ct);
        await Store.GrantElevationAsync(Elevated("el-2", target: null), Ct);
        await Store.GrantElevationAsync(Elevated("el-3", subject: "slack:U200"), Ct);

        (await other.ActiveElevationsAsync("slack:U100", T0.AddMinutes(1), Ct)).Select(e => e.Id).ShouldBe(["el-1", "el-2"]);

        var revokes = await Task.WhenAll(
            Store.RevokeElevationsAsync("slack:U100", "slack:U900", T0.AddMinutes(2), Ct),
            other.RevokeElevationsAsync("slack:U100", "slack:U900", T0.AddMinutes(2), Ct));

        revokes.SelectMany(r => r).Select(e => e.Id).Order().ShouldBe(["el-1", "el-2"]);
        (await Store.ActiveElevationsAsync("slack:U100", T0.AddMinutes(3), Ct)).ShouldBeEmpty();
        (await other.ActiveElevationsAsync("slack:U200", T0.AddMinutes(3), Ct)).Select(e => e.Id).ShouldBe(["el-3"]);
    }

    [Fact]
    public async Task AnExpiredElevation_IsNotRevoked()
    {
        await Store.GrantElevationAsync(Elevated("el-1", lasts: TimeSpan.FromMinutes(5)), Ct);

        (await Store.RevokeElevationsAsync("slack:U100", "slack:U900", T0.AddMinutes(5), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ElevationRevokedById_EndsOnlyThatOne_WhoeverHoldsIt_AndOnlyOnce()
    {
        var other = OpenStore();
        await Store.GrantElevationAsync(Elevated("el-1"), Ct);
        await Store.GrantElevationAsync(Elevated("el-2"), Ct);
        await Store.GrantElevationAsync(Elevated("el-3", subject: "slack:U200"), Ct);

        var revokes = await Task.WhenAll(
            Store.RevokeElevationAsync("el-1", "slack:U900", T0.AddMinutes(2), Ct),
            other.RevokeElevationAsync("el-1", "slack:U900", T0.AddMinutes(2), Ct));

        revokes.Count(r => r is not null).ShouldBe(1, "two replicas revoking at once end it once");
        revokes.Single(r => r is not null).ShouldBe(Elevated("el-1"));
        (await Store.ActiveElevationsAsync("slack:U100", T0.AddMinutes(3), Ct)).Select(e => e.Id).ShouldBe(["el-2"]);
        (await other.RevokeElevationAsync("el-3", "slack:U900", T0.AddMinutes(3), Ct))!.Subject.ShouldBe("slack:U200");
        (await Store.RevokeElevationAsync("el-2", "slack:U900", T0.AddHours(1), Ct)).ShouldBeNull("an expired elevation is not revoked");
        (await Store.RevokeElevationAsync("el-9", "slack:U900", T0, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task BreakGlassMarker_ReadsBack_AndTheChainVerifies_WithAndWithoutIt()
    {
        await Store.AppendAsync(Record("plain"), [], Ct);
        await Store.AppendAsync(Record("elevated") with { BreakGlass = "e-k3x9m2p7qa" }, [], Ct);

        var records = await Store.QueryAsync(new AuditQuery(), Ct);

        records.Single(r => r.RequestId == "elevated").BreakGlass.ShouldBe("e-k3x9m2p7qa");
        records.Single(r => r.RequestId == "plain").BreakGlass.ShouldBeNull();
        (await Store.HeadAsync(Ct))!.Record.BreakGlass.ShouldBe("e-k3x9m2p7qa");
        var verification = await OpenStore().VerifyAsync(Ct);
        verification.IsIntact.ShouldBeTrue(verification.Reason);
        verification.VerifiedCount.ShouldBe(2);
    }

    [Fact]
    public async Task AnExpiry_IsClaimedByOneReplica_WhoseLinesAreQueuedOnce_RevokedAndLiveOnesAreNot()
    {
        var other = OpenStore();
        await Store.GrantElevationAsync(Elevated("el-1", lasts: TimeSpan.FromMinutes(10)), Ct);
        await Store.GrantElevationAsync(Elevated("el-2", lasts: TimeSpan.FromMinutes(10)), Ct);
        await Store.GrantElevationAsync(Elevated("el-3", subject: "slack:U200", lasts: TimeSpan.FromMinutes(30)), Ct);
        (await Store.RevokeElevationAsync("el-2", "slack:U900", T0.AddMinutes(1), Ct)).ShouldNotBeNull();
        IReadOnlyList<OutboxMessage> Lines(Elevation e) => [new("slack:C-SEC", $"{e.Id} expired"), new("slack:C-AUDIT", $"{e.Id} expired")];

        (await Store.AnnounceExpiredElevationsAsync(T0.AddMinutes(10).AddTicks(-10), 10, Lines, Ct)).ShouldBeEmpty("nothing has expired yet");
        var claims = await Task.WhenAll(
            Store.AnnounceExpiredElevationsAsync(T0.AddMinutes(10), 10, Lines, Ct),
            other.AnnounceExpiredElevationsAsync(T0.AddMinutes(10), 10, Lines, Ct));

        claims.SelectMany(c => c).ShouldBe([Elevated("el-1", lasts: TimeSpan.FromMinutes(10))], "one winner; the revoked el-2 and the live el-3 are not announced");
        (await other.AnnounceExpiredElevationsAsync(T0.AddHours(1), 10, Lines, Ct)).Select(e => e.Id).ShouldBe(["el-3"]);
        (await Store.AnnounceExpiredElevationsAsync(T0.AddHours(2), 10, Lines, Ct)).ShouldBeEmpty();
        var queued = await Store.ClaimDueAsync("w", 10, TimeSpan.FromSeconds(30), T0.AddHours(2), Ct);
        queued.Select(i => $"{i.Destination} {i.Text}").Order().ShouldBe(
            ["slack:C-AUDIT el-1 expired", "slack:C-AUDIT el-3 expired", "slack:C-SEC el-1 expired", "slack:C-SEC el-3 expired"]);
    }

    [Fact]
    public async Task AllLiveElevations_AreEveryonesStartedUnexpiredAndUnrevoked_OldestFirst()
    {
        await Store.GrantElevationAsync(Elevated("el-2", subject: "slack:U200"), Ct);
        await Store.GrantElevationAsync(Elevated("el-1"), Ct);
        await Store.GrantElevationAsync(Elevated("el-3", lasts: TimeSpan.FromMinutes(5)), Ct);
        await Store.GrantElevationAsync(Elevated("el-4", subject: "slack:U300"), Ct);
        (await Store.RevokeElevationAsync("el-4", "slack:U900", T0.AddMinutes(1), Ct)).ShouldNotBeNull();

        (await OpenStore().AllActiveElevationsAsync(T0.AddMinutes(5), Ct)).ShouldBe([Elevated("el-1"), Elevated("el-2", subject: "slack:U200")]);
        (await Store.AllActiveElevationsAsync(T0.AddTicks(-10), Ct)).ShouldBeEmpty();
    }
}
