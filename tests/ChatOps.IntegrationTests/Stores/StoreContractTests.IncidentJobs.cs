using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Incidents;

namespace ChatOps.IntegrationTests.Stores;

public abstract partial class StoreContractTests
{
    private static readonly TimeSpan SetupLease = TimeSpan.FromMinutes(2);

    private static NewIncident WithChannel(NewIncident draft) => draft with { Platform = "slack", ChannelMembers = ["U1", "U2"] };

    private static TimerFiring Remind(Incident incident) => new(
        incident.TimerStage + 1,
        incident.TimerStage == 0 ? incident.TimerDueAt!.Value.AddMinutes(15) : null,
        new TimelineEntry(incident.TimerDueAt!.Value, "bot", incident.TimerStage == 0 ? TimelineKind.Reminder : TimelineKind.Escalation, $"stage {incident.TimerStage}"),
        [new OutboxMessage("slack:C-HOME", $"{incident.Id} stage {incident.TimerStage}")]);

    [Fact]
    public async Task ChannelSetup_IsPendingAfterDeclare_LeasedToOneOwner_RecordedAtOnce_AndCompletedWithItsEntryAndPosts()
    {
        var incident = await Store.DeclareAsync(WithChannel(Draft(T0)), "req-1", NoPosts, Ct);
        incident.ChannelSetup.ShouldBe(ChannelSetupState.Pending);
        incident.Platform.ShouldBe("slack");

        var job = (await Store.ClaimChannelSetupsAsync(incident.Id, "w1", T0, SetupLease, 1, Ct)).ShouldHaveSingleItem();
        job.Members.ShouldBe(["U1", "U2"]);
        job.Attempts.ShouldBe(0);
        (await OpenStore().ClaimChannelSetupsAsync(null, "w2", T0.AddMinutes(1), SetupLease, 10, Ct)).ShouldBeEmpty();

        (await Store.RecordIncidentChannelAsync(incident.Id, "w2", new CreatedChannel("C9", "inc-x"), Ct)).ShouldBeFalse();
        (await Store.RecordIncidentChannelAsync(incident.Id, "w1", new CreatedChannel("C9", "inc-2025-0001-checkout-errors"), Ct)).ShouldBeTrue();
        (await Store.FindOpenIncidentAsync("C9", Ct)).ShouldNotBeNull().Id.ShouldBe(incident.Id);

        var entry = new TimelineEntry(T0.AddSeconds(2), "bot", TimelineKind.Channel, "channel created");
        (await Store.CompleteChannelSetupAsync(incident.Id, "w2", entry, [], Ct)).ShouldBeNull();
        var done = (await Store.CompleteChannelSetupAsync(incident.Id, "w1", entry, [new OutboxMessage("slack:C9", "declared")], Ct)).ShouldNotBeNull();

        done.ChannelSetup.ShouldBe(ChannelSetupState.Done);
        done.IncidentChannel.ShouldBe("C9");
        done.IncidentChannelName.ShouldBe("inc-2025-0001-checkout-errors");
        done.HomeChannel.ShouldBe("C9");
        (await Store.GetTimelineAsync(incident.Id, Ct))[^1].ShouldBe(entry);
        (await Store.ClaimDueAsync("o", 10, TimeSpan.FromMinutes(1), T0.AddMinutes(1), Ct)).Select(o => (o.Destination, o.Text))
            .ShouldBe([("slack:C9", "declared")]);
        (await Store.ClaimChannelSetupsAsync(null, "w3", T0.AddHours(1), SetupLease, 10, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ChannelSetup_Failed_WaitsForItsRetryTime_CountsAttempts_AndAnExpiredLeaseIsTakenOver()
    {
        var incident = await Store.DeclareAsync(WithChannel(Draft(T0)), "req-1", NoPosts, Ct);
        await Store.ClaimChannelSetupsAsync(incident.Id, "w1", T0, SetupLease, 1, Ct);

        await Store.FailChannelSetupAsync(incident.Id, "w1", T0.AddMinutes(1), "ratelimited", Ct);

        (await Store.GetIncidentAsync(incident.Id, Ct)).ShouldNotBeNull().ChannelSetupError.ShouldBe("ratelimited");
        (await Store.ClaimChannelSetupsAsync(null, "w2", T0.AddSeconds(59), SetupLease, 10, Ct)).ShouldBeEmpty();
        (await Store.ClaimChannelSetupsAsync(null, "w2", T0.AddMinutes(1), SetupLease, 10, Ct)).ShouldHaveSingleItem().Attempts.ShouldBe(1);

        // w2 stalls; after its lease w3 takes over, and w2's late writes change nothing.
        (await Store.ClaimChannelSetupsAsync(null, "w3", T0.AddMinutes(2), SetupLease, 10, Ct)).ShouldBeEmpty();
        (await Store.ClaimChannelSetupsAsync(null, "w3", T0.AddMinutes(3), SetupLease, 10, Ct)).ShouldHaveSingleItem();
        (await Store.RecordIncidentChannelAsync(incident.Id, "w2", new CreatedChannel("C-LATE", "late"), Ct)).ShouldBeFalse();
        await Store.FailChannelSetupAsync(incident.Id, "w2", T0.AddHours(5), "late", Ct);
        (await Store.RecordIncidentChannelAsync(incident.Id, "w3", new CreatedChannel("C3", "inc"), Ct)).ShouldBeTrue();
        (await Store.GetIncidentAsync(incident.Id, Ct)).ShouldNotBeNull().IncidentChannel.ShouldBe("C3");
    }

    [Fact]
    public async Task ChannelSetup_ConcurrentClaimersFromSixReplicas_ClaimEachPendingSetupOnce()
    {
        for (var i = 0; i < 12; i++)
        {
            await Store.DeclareAsync(WithChannel(Draft(T0, $"incident {i}")), $"req-{i}", NoPosts, Ct);
        }

        var replicas = Enumerable.Range(0, 6).Select(_ => OpenStore()).ToList();
        var claims = await Task.WhenAll(replicas.Select((replica, i) =>
            Task.Run(async () =>
            {
                var mine = new List<string>();
                for (var round = 0; round < 4; round++)
                {
                    mine.AddRange((await replica.ClaimChannelSetupsAsync(null, $"w{i}", T0.AddSeconds(1), SetupLease, 3, Ct)).Select(j => j.Incident.Id));
                }

                return mine;
            }, Ct)));

        var claimed = claims.SelectMany(c => c).ToList();
        claimed.Count.ShouldBe(12);
        claimed.Distinct().Count().ShouldBe(12);
    }

    [Fact]
    public async Task Timer_IsArmedAtDeclare_FiresOncePerStage_IsRearmedByAnUpdate_AndDisarmedByResolve()
    {
        var incident = await Store.DeclareAsync(Draft(T0), "req-1", NoPosts, Ct);
        incident.TimerDueAt.ShouldBe(T0.AddHours(1));
        incident.TimerStage.ShouldBe(0);

        (await Store.FireDueTimersAsync(T0.AddMinutes(59), 10, Remind, Ct)).ShouldBeEmpty();
        (await Store.FireDueTimersAsync(T0.AddHours(1), 10, Remind, Ct)).ShouldHaveSingleItem().Id.ShouldBe(incident.Id);
        (await Store.FireDueTimersAsync(T0.AddHours(1), 10, Remind, Ct)).ShouldBeEmpty();
        var reminded = (await Store.GetIncidentAsync(incident.Id, Ct)).ShouldNotBeNull();
        reminded.TimerStage.ShouldBe(1);
        reminded.TimerDueAt.ShouldBe(T0.AddMinutes(75));

        (await Store.FireDueTimersAsync(T0.AddMinutes(75), 10, Remind, Ct)).ShouldHaveSingleItem();
        var escalated = (await Store.GetIncidentAsync(incident.Id, Ct)).ShouldNotBeNull();
        escalated.TimerStage.ShouldBe(2);
        escalated.TimerDueAt.ShouldBeNull();
        (await Store.GetTimelineAsync(incident.Id, Ct)).Select(e => e.Kind).ShouldBe([TimelineKind.Declare, TimelineKind.Reminder, TimelineKind.Escalation]);
        (await Store.ClaimDueAsync("o", 10, TimeSpan.FromMinutes(1), T0.AddHours(2), Ct)).Select(o => o.Text)
            .ShouldBe([$"{incident.Id} stage 0", $"{incident.Id} stage 1"]);

        var update = new TimelineEntry(T0.AddMinutes(80), "bob", TimelineKind.Update, "found it");
        var rearmed = await Store.ChangeIncidentAsync(new IncidentChange(incident.Id, update) { NextUpdateAt = T0.AddMinutes(140) }, Ct);
        rearmed.ShouldNotBeNull().TimerStage.ShouldBe(0);
        rearmed.TimerDueAt.ShouldBe(T0.AddMinutes(140));

        var resolve = new TimelineEntry(T0.AddMinutes(90), "bob", TimelineKind.Resolve, "resolved");
        (await Store.ChangeIncidentAsync(new IncidentChange(incident.Id, resolve) { Status = IncidentStatus.Resolved, ResolvedAt = T0.AddMinutes(90) }, Ct))
            .ShouldNotBeNull().TimerDueAt.ShouldBeNull();
        (await Store.FireDueTimersAsync(T0.AddDays(1), 10, Remind, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Timer_ConcurrentFiringFromEightReplicas_FiresEachDueTimerExactlyOnce()
    {
        for (var i = 0; i < 20; i++)
        {
            await Store.DeclareAsync(Draft(T0, $"incident {i}"), $"req-{i}", NoPosts, Ct);
        }

        var replicas = Enumerable.Range(0, 8).Select(_ => OpenStore()).ToList();
        var fired = await Task.WhenAll(replicas.Select(replica =>
            Task.Run(async () =>
            {
                var mine = new List<string>();
                for (var round = 0; round < 5; round++)
                {
                    mine.AddRange((await replica.FireDueTimersAsync(T0.AddHours(1), 3, Remind, Ct)).Select(i => i.Id));
                }

                return mine;
            }, Ct)));

        var all = fired.SelectMany(f => f).ToList();
        all.Count.ShouldBe(20);
        all.Distinct().Count().ShouldBe(20);
        var lines = await Store.ClaimDueAsync("o", 100, TimeSpan.FromMinutes(1), T0.AddHours(2), Ct);
        lines.Count.ShouldBe(20);
        foreach (var incident in await Store.ListIncidentsAsync(openOnly: true, Ct))
        {
            (await Store.GetTimelineAsync(incident.Id, Ct)).Count(e => e.Kind == TimelineKind.Reminder).ShouldBe(1);
        }
    }

    [Fact]
    public async Task Timeline_Append_LandsOnOpenIncidentsOnly()
    {
        var incident = await Store.DeclareAsync(Draft(T0), "req-1", NoPosts, Ct);
        var entry = new TimelineEntry(T0.AddMinutes(1), "alice", TimelineKind.Operation, "scale api 5: succeeded");

        (await Store.AppendTimelineAsync(incident.Id.ToLowerInvariant(), entry, Ct)).ShouldBeTrue();
        (await Store.AppendTimelineAsync("INC-2025-0099", entry, Ct)).ShouldBeFalse();
        await Store.ChangeIncidentAsync(new IncidentChange(incident.Id, new TimelineEntry(T0.AddMinutes(2), "alice", TimelineKind.Resolve, "resolved"))
        {
            Status = IncidentStatus.Resolved,
            ResolvedAt = T0.AddMinutes(2),
        }, Ct);
        (await Store.AppendTimelineAsync(incident.Id, entry with { Text = "late" }, Ct)).ShouldBeFalse();

        (await Store.GetTimelineAsync(incident.Id, Ct)).Select(e => e.Kind).ShouldBe([TimelineKind.Declare, TimelineKind.Operation, TimelineKind.Resolve]);
    }
}
