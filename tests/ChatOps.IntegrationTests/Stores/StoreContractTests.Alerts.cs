using ChatOps.Bot.Features.Alerts;
using ChatOps.Bot.Features.Incidents;

namespace ChatOps.IntegrationTests.Stores;

public abstract partial class StoreContractTests
{
    private const string Group = "{}/{severity=\"critical\"}:{alertname=\"HighErrorRate\"}";

    [Fact]
    public async Task AlertNotification_IsHandledOnce_ButALapsedReservationMayBeTakenOver()
    {
        (await Store.TryRecordNotificationAsync("n1", Group, "firing", T0, T0.AddMinutes(2), Ct)).ShouldBeTrue();
        (await OpenStore().TryRecordNotificationAsync("n1", Group, "firing", T0.AddMinutes(1), T0.AddMinutes(3), Ct))
            .ShouldBeFalse("another replica holds a live reservation");
        (await Store.TryRecordNotificationAsync("n2", Group, "resolved", T0, T0.AddMinutes(2), Ct)).ShouldBeTrue("keys are independent");

        (await Store.TryRecordNotificationAsync("n1", Group, "firing", T0.AddMinutes(2), T0.AddMinutes(4), Ct))
            .ShouldBeTrue("the holder died: a re-send after the lease is handled again");
        await Store.CompleteNotificationAsync("n1", T0.AddMinutes(3), Ct);
        (await Store.TryRecordNotificationAsync("n1", Group, "firing", T0.AddDays(1), T0.AddDays(1).AddMinutes(2), Ct))
            .ShouldBeFalse("a handled notification is never handled again");
    }

    [Fact]
    public async Task AlertNotification_FromManyReplicasAtOnce_HasExactlyOneHandler()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => OpenStore()).ToList();

        var results = await Task.WhenAll(replicas.SelectMany(r => Enumerable.Range(0, 5)
            .Select(_ => r.TryRecordNotificationAsync("n-race", Group, "firing", T0, T0.AddMinutes(2), Ct))));

        results.Count(won => won).ShouldBe(1);
    }

    [Fact]
    public async Task AlertGroup_RemembersItsCard_AndTheIncidentItDeclared()
    {
        (await Store.GetAlertGroupAsync(Group, Ct)).ShouldBeNull();

        await Store.SaveAlertCardAsync(Group, "slack:C-ALERTS", "1700000000.000100", "firing", Ct);
        (await Store.TryClaimIncidentAsync(Group, "n1", T0, T0.AddMinutes(2), Ct)).ShouldBeTrue();
        var incident = await Store.DeclareAsync(Draft(T0), "req-a", NoPosts, Ct);
        await Store.ReleaseIncidentClaimAsync(Group, "n1", incident.Id, Ct);
        await Store.SaveAlertCardAsync(Group, "slack:C-ALERTS", "1700000000.000100", "resolved", Ct);

        (await OpenStore().GetAlertGroupAsync(Group, Ct)).ShouldBe(
            new AlertGroup(Group, "slack:C-ALERTS", "1700000000.000100", "resolved", incident.Id));
    }

    [Fact]
    public async Task AlertGroup_HasAtMostOneOpenIncident_UntilItIsResolved()
    {
        (await Store.TryClaimIncidentAsync(Group, "n1", T0, T0.AddMinutes(2), Ct)).ShouldBeTrue();
        (await Store.TryClaimIncidentAsync(Group, "n2", T0, T0.AddMinutes(2), Ct)).ShouldBeFalse("a declaration is under way");
        var incident = await Store.DeclareAsync(Draft(T0), "req-a", NoPosts, Ct);
        await Store.ReleaseIncidentClaimAsync(Group, "n2", "INC-OTHER", Ct);
        await Store.ReleaseIncidentClaimAsync(Group, "n1", incident.Id, Ct);

        (await Store.TryClaimIncidentAsync(Group, "n3", T0.AddHours(1), T0.AddHours(1).AddMinutes(2), Ct))
            .ShouldBeFalse("its incident is open");
        (await Store.TryClaimIncidentAsync("other-group", "n3", T0, T0.AddMinutes(2), Ct)).ShouldBeTrue("groups are independent");

        await Store.ChangeIncidentAsync(new IncidentChange(incident.Id, new TimelineEntry(T0.AddHours(2), "alice", TimelineKind.Resolve, "fixed"))
        {
            Status = IncidentStatus.Resolved,
            ResolvedAt = T0.AddHours(2),
        }, Ct);
        (await Store.TryClaimIncidentAsync(Group, "n4", T0.AddHours(3), T0.AddHours(3).AddMinutes(2), Ct)).ShouldBeTrue("its incident is resolved");
        (await Store.GetAlertGroupAsync(Group, Ct))!.IncidentId.ShouldBe(incident.Id, "the link stays until a new incident replaces it");
    }

    [Fact]
    public async Task AlertGroup_AFailedOrLapsedDeclaration_FreesTheGroup()
    {
        (await Store.TryClaimIncidentAsync(Group, "n1", T0, T0.AddMinutes(2), Ct)).ShouldBeTrue();
        await Store.ReleaseIncidentClaimAsync(Group, "n1", null, Ct);
        (await Store.TryClaimIncidentAsync(Group, "n2", T0, T0.AddMinutes(2), Ct)).ShouldBeTrue("the failed declaration released it");

        (await Store.TryClaimIncidentAsync(Group, "n3", T0.AddMinutes(1), T0.AddMinutes(3), Ct)).ShouldBeFalse();
        (await Store.TryClaimIncidentAsync(Group, "n3", T0.AddMinutes(2), T0.AddMinutes(4), Ct)).ShouldBeTrue("n2 died holding it");
        (await Store.GetAlertGroupAsync(Group, Ct))!.IncidentId.ShouldBeNull();
    }

    [Fact]
    public async Task AlertGroup_IncidentClaimsFromManyReplicasAtOnce_HaveExactlyOneWinner()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => OpenStore()).ToList();

        var results = await Task.WhenAll(replicas.SelectMany((r, i) => Enumerable.Range(0, 5)
            .Select(j => r.TryClaimIncidentAsync(Group, $"n-{i}-{j}", T0, T0.AddMinutes(2), Ct))));

        results.Count(won => won).ShouldBe(1);
    }

    [Fact]
    public async Task AlertGroup_CardClaim_HasOneHolder_IsReentrant_AndLapses()
    {
        (await Store.TryClaimAlertCardAsync(Group, "n1", T0, T0.AddMinutes(2), Ct)).ShouldBeTrue("a brand-new group is created claimed");
        (await OpenStore().TryClaimAlertCardAsync(Group, "n2", T0.AddMinutes(1), T0.AddMinutes(3), Ct)).ShouldBeFalse("n1 is posting its card");
        (await Store.TryClaimIncidentAsync(Group, "n2", T0.AddMinutes(1), T0.AddMinutes(3), Ct)).ShouldBeFalse("one claim on a group at a time");
        (await Store.TryClaimAlertCardAsync(Group, "n1", T0.AddMinutes(1), T0.AddMinutes(3), Ct)).ShouldBeTrue("a retry by the holder");
        (await Store.GetAlertGroupAsync(Group, Ct)).ShouldBe(new AlertGroup(Group, null, null, null, null));

        await Store.ReleaseAlertCardClaimAsync(Group, "n2", Ct);
        (await Store.TryClaimAlertCardAsync(Group, "n2", T0.AddMinutes(2), T0.AddMinutes(4), Ct)).ShouldBeFalse("only the holder releases it");
        await Store.SaveAlertCardAsync(Group, "slack:C-ALERTS", "1700000000.000100", "firing", Ct);
        await Store.ReleaseAlertCardClaimAsync(Group, "n1", Ct);
        (await Store.TryClaimAlertCardAsync(Group, "n2", T0.AddMinutes(2), T0.AddMinutes(4), Ct)).ShouldBeTrue("released");
        (await Store.TryClaimAlertCardAsync(Group, "n3", T0.AddMinutes(4), T0.AddMinutes(6), Ct)).ShouldBeTrue("n2 died holding it");
        await Store.ReleaseAlertCardClaimAsync(Group, "n3", Ct);
        (await Store.TryClaimIncidentAsync(Group, "n3", T0.AddMinutes(5), T0.AddMinutes(7), Ct)).ShouldBeTrue("a released card claim frees the group");
        (await OpenStore().GetAlertGroupAsync(Group, Ct)).ShouldBe(new AlertGroup(Group, "slack:C-ALERTS", "1700000000.000100", "firing", null));
    }

    [Fact]
    public async Task AlertGroup_CardClaimsFromManyReplicasAtOnce_ForABrandNewGroup_HaveExactlyOneWinner()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => OpenStore()).ToList();

        var results = await Task.WhenAll(replicas.SelectMany((r, i) => Enumerable.Range(0, 5)
            .Select(j => r.TryClaimAlertCardAsync(Group, $"n-{i}-{j}", T0, T0.AddMinutes(2), Ct))));

        results.Count(won => won).ShouldBe(1);
    }
}
