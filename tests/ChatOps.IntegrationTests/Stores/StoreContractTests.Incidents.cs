using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Incidents;

namespace ChatOps.IntegrationTests.Stores;

public abstract partial class StoreContractTests
{
    private static NewIncident Draft(DateTimeOffset at, string title = "checkout errors", string channel = "C-INC") =>
        new("P2", title, "slack:U100", "slack:U777", ["checkout", "payments"], channel, "alice", at, at.AddHours(1))
        {
            CommanderName = "Alice A.",
            LeadName = "Lee",
        };

    private static Func<Incident, IReadOnlyList<OutboxMessage>> NoPosts => _ => [];

    /// <summary>Record equality compares the services list by reference, so it is compared by content here.</summary>
    private static void ShouldMatch(Incident? actual, Incident expected)
    {
        actual.ShouldNotBeNull();
        actual.Services.ShouldBe(expected.Services);
        (actual with { Services = expected.Services }).ShouldBe(expected);
    }

    [Fact]
    public async Task Incident_IsDeclaredWithAPerYearSequence_AndReadsBackEveryField_WithItsDeclareEntry()
    {
        var first = await Store.DeclareAsync(Draft(T0), "req-1", NoPosts, Ct);
        var second = await Store.DeclareAsync(Draft(T0.AddMinutes(5), "search slow"), "req-2", NoPosts, Ct);
        var nextYear = await Store.DeclareAsync(Draft(new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero)), "req-3", NoPosts, Ct);

        first.Id.ShouldBe("INC-2025-0001");
        second.Id.ShouldBe("INC-2025-0002");
        nextYear.Id.ShouldBe("INC-2026-0001");
        ShouldMatch(first, new Incident("INC-2025-0001", "P2", "checkout errors", IncidentStatus.Investigating, "slack:U100", "slack:U777",
            ["checkout", "payments"], "C-INC", "alice", T0, T0.AddHours(1), null)
        {
            TimerDueAt = T0.AddHours(1),
            CommanderName = "Alice A.",
            LeadName = "Lee",
        });
        ShouldMatch(await OpenStore().GetIncidentAsync("inc-2025-1", Ct), first);
        (await Store.GetTimelineAsync(first.Id, Ct)).ShouldBe([new TimelineEntry(T0, "alice", TimelineKind.Declare, "declared P2: checkout errors")]);
        (await Store.GetIncidentAsync("INC-2025-0009", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Incident_Declare_QueuesItsNotificationInTheOutbox_BuiltFromTheStoredId()
    {
        var incident = await Store.DeclareAsync(Draft(T0), "req-n", i => [new OutboxMessage("slack:C-INCIDENTS", $"declared {i.Id}")], Ct);

        var claimed = await Store.ClaimDueAsync("w1", 10, TimeSpan.FromMinutes(1), T0.AddSeconds(1), Ct);

        claimed.Select(c => (c.Destination, c.Text)).ShouldBe([("slack:C-INCIDENTS", $"declared {incident.Id}")]);
    }

    [Fact]
    public async Task Incident_Change_SetsOnlyTheGivenFields_AndAppendsItsEntry_ThenResolveClosesIt()
    {
        var incident = await Store.DeclareAsync(Draft(T0), "req-1", NoPosts, Ct);

        var update = new TimelineEntry(T0.AddMinutes(10), "bob", TimelineKind.Update, "rolled back");
        var updated = await Store.ChangeIncidentAsync(
            new IncidentChange(incident.Id, update) { Status = IncidentStatus.Monitoring, NextUpdateAt = T0.AddMinutes(70) }, Ct);
        ShouldMatch(updated, incident with { Status = IncidentStatus.Monitoring, NextUpdateAt = T0.AddMinutes(70), TimerDueAt = T0.AddMinutes(70) });

        var severity = new TimelineEntry(T0.AddMinutes(20), "alice", TimelineKind.Severity, "severity P2 → P1");
        var commander = new TimelineEntry(T0.AddMinutes(30), "alice", TimelineKind.Commander, "commander @alice → @bob");
        await Store.ChangeIncidentAsync(new IncidentChange(incident.Id, severity) { Severity = "P1" }, Ct);
        await Store.ChangeIncidentAsync(new IncidentChange(incident.Id, commander) { Commander = "slack:U200", CommanderName = "Bob B." }, Ct);
        // The lookup every command makes reads the same record, every field, as the read by id (on SQLite it reads the
        // row natively, the read by id through the provider).
        ShouldMatch(await Store.FindOpenIncidentAsync("C-INC", Ct), (await Store.GetIncidentAsync(incident.Id, Ct)).ShouldNotBeNull());
        (await Store.FindOpenIncidentAsync("C-INC", Ct)).ShouldNotBeNull().CommanderName.ShouldBe("Bob B.");

        var resolve = new TimelineEntry(T0.AddHours(1), "bob", TimelineKind.Resolve, "resolved: fixed");
        var resolved = await Store.ChangeIncidentAsync(
            new IncidentChange(incident.Id, resolve) { Status = IncidentStatus.Resolved, ResolvedAt = T0.AddHours(1) }, Ct);

        ShouldMatch(resolved, incident with
        {
            Severity = "P1",
            Commander = "slack:U200",
            CommanderName = "Bob B.",
            Status = IncidentStatus.Resolved,
            NextUpdateAt = T0.AddMinutes(70),
            ResolvedAt = T0.AddHours(1),
            TimerDueAt = null,
        });
        (await OpenStore().GetTimelineAsync(incident.Id, Ct)).Select(e => e.Kind).ShouldBe(
            [TimelineKind.Declare, TimelineKind.Update, TimelineKind.Severity, TimelineKind.Commander, TimelineKind.Resolve]);
        (await Store.GetTimelineAsync(incident.Id, Ct))[^1].ShouldBe(resolve);
        (await Store.FindOpenIncidentAsync("C-INC", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Incident_Change_OfAnUnknownIncident_ReturnsNull_AndWritesNoEntry()
    {
        var entry = new TimelineEntry(T0, "bob", TimelineKind.Update, "hello");

        (await Store.ChangeIncidentAsync(new IncidentChange("INC-2025-0042", entry) { Severity = "P1" }, Ct)).ShouldBeNull();
        (await Store.GetTimelineAsync("INC-2025-0042", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Incident_ListAndFindOpen_AreNewestFirst_AndSkipResolvedWhenAsked()
    {
        var a = await Store.DeclareAsync(Draft(T0, "a"), "r1", NoPosts, Ct);
        var b = await Store.DeclareAsync(Draft(T0.AddMinutes(1), "b"), "r2", NoPosts, Ct);
        var elsewhere = await Store.DeclareAsync(Draft(T0.AddMinutes(2), "c", channel: "C-OTHER"), "r3", NoPosts, Ct);
        await Store.ChangeIncidentAsync(new IncidentChange(b.Id, new TimelineEntry(T0.AddMinutes(3), "alice", TimelineKind.Resolve, "resolved"))
        {
            Status = IncidentStatus.Resolved,
            ResolvedAt = T0.AddMinutes(3),
        }, Ct);

        (await Store.ListIncidentsAsync(openOnly: false, Ct)).Select(i => i.Id).ShouldBe([elsewhere.Id, b.Id, a.Id]);
        (await Store.ListIncidentsAsync(openOnly: true, Ct)).Select(i => i.Id).ShouldBe([elsewhere.Id, a.Id]);
        (await Store.FindOpenIncidentAsync("C-INC", Ct)).ShouldNotBeNull().Id.ShouldBe(a.Id);
        (await Store.FindOpenIncidentAsync("C-NONE", Ct)).ShouldBeNull();
    }

    /// <summary>
    /// Every audited command asks this, so a store may keep the statement (and its connection) between asks: each ask
    /// must still see the changes made since, by this store and by another replica, and the channel it asks about.
    /// </summary>
    [Fact]
    public async Task Incident_FindOpen_AskedAgainAndAgain_SeesEveryChangeSince_FromThisStoreAndAnotherReplica()
    {
        var replica = OpenStore();
        await replica.MigrateAsync(Ct);

        (await Store.FindOpenIncidentAsync("C-INC", Ct)).ShouldBeNull();
        var declared = await replica.DeclareAsync(Draft(T0), "r1", NoPosts, Ct);
        (await Store.FindOpenIncidentAsync("C-INC", Ct)).ShouldNotBeNull().Id.ShouldBe(declared.Id);
        (await Store.FindOpenIncidentAsync("C-OTHER", Ct)).ShouldBeNull();

        var other = await Store.DeclareAsync(Draft(T0.AddMinutes(1), "b", channel: "C-OTHER"), "r2", NoPosts, Ct);
        var asks = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => Store.FindOpenIncidentAsync(i % 2 == 0 ? "C-INC" : "C-OTHER", Ct), Ct)));
        asks.Select(i => i?.Id).ShouldBe(Enumerable.Range(0, 32).Select(i => i % 2 == 0 ? declared.Id : other.Id));

        await replica.ChangeIncidentAsync(new IncidentChange(declared.Id, new TimelineEntry(T0.AddMinutes(2), "alice", TimelineKind.Resolve, "resolved"))
        {
            Status = IncidentStatus.Resolved,
            ResolvedAt = T0.AddMinutes(2),
        }, Ct);
        (await Store.FindOpenIncidentAsync("C-INC", Ct)).ShouldBeNull();
        (await Store.FindOpenIncidentAsync("C-OTHER", Ct)).ShouldNotBeNull().Id.ShouldBe(other.Id);
    }

    [Fact]
    public async Task Incident_ConcurrentDeclaresFromEightReplicas_GetDistinctConsecutiveSequenceNumbers()
    {
        var replicas = Enumerable.Range(0, 8).Select(_ => OpenStore()).ToList();
        await Task.WhenAll(replicas.Select(r => r.MigrateAsync(Ct)));

        var declared = await Task.WhenAll(replicas.Select((replica, i) =>
            Task.Run(() => replica.DeclareAsync(Draft(T0.AddSeconds(i), $"incident {i}"), $"req-{i}", NoPosts, Ct), Ct)));

        declared.Select(i => i.Id).Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(1, 8).Select(n => IncidentIds.Format(2025, n)));
        (await Store.ListIncidentsAsync(openOnly: false, Ct)).Count.ShouldBe(8);
    }
}
