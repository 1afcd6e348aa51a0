using System.Globalization;
using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Policies;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Tests.Features.Policies;

public sealed class PolicyEngineTests
{
    private static readonly PolicyRequest Scale = new("scale", "scale web 2 --namespace=shop --cluster=prod-eks", new TargetScope("prod-eks", "shop"), Mutating: true, Production: true);

    private static FreezeWindowOptions Weekend(bool allowForIncident = false) => new()
    {
        Name = "weekend",
        TimeZone = "Europe/Berlin",
        StartDay = DayOfWeek.Friday,
        StartTime = "16:00",
        EndDay = DayOfWeek.Monday,
        EndTime = "08:00",
        Targets = ["prod-eks"],
        AllowForIncident = allowForIncident,
    };

    private static PolicyOptions Freezing(params FreezeWindowOptions[] windows) => new() { Freezes = [.. windows] };

    private static PolicyDecision At(FakeTimeProvider clock, PolicyOptions options, PolicyRequest? request = null) =>
        PolicyEngine.Evaluate(request ?? Scale, options, clock.GetUtcNow());

    [Theory]
    // Winter (CET, UTC+1): Fri 2026-11-27 16:00 local is 15:00 UTC; Mon 2026-11-30 08:00 local is 07:00 UTC.
    [InlineData("2026-11-27T14:59:59Z", false)]
    [InlineData("2026-11-27T15:00:00Z", true)]
    [InlineData("2026-11-29T12:00:00Z", true)]
    [InlineData("2026-11-30T06:59:59Z", true)]
    [InlineData("2026-11-30T07:00:00Z", false)]
    // Spring forward (Sun 2027-03-28 02:00 → 03:00): starts 16:00 CET = 15:00 UTC, ends 08:00 CEST = 06:00 UTC.
    [InlineData("2027-03-26T14:59:59Z", false)]
    [InlineData("2027-03-26T15:00:00Z", true)]
    [InlineData("2027-03-29T05:59:59Z", true)]
    [InlineData("2027-03-29T06:00:00Z", false)]
    // Fall back (Sun 2026-10-25 03:00 → 02:00): starts 16:00 CEST = 14:00 UTC, ends 08:00 CET = 07:00 UTC.
    [InlineData("2026-10-23T13:59:59Z", false)]
    [InlineData("2026-10-23T14:00:00Z", true)]
    [InlineData("2026-10-26T06:59:59Z", true)]
    [InlineData("2026-10-26T07:00:00Z", false)]
    public void WeeklyFreeze_StartsInclusive_EndsExclusive_OnTheWallClockOfItsZone(string utc, bool frozen)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));

        At(clock, Freezing(Weekend())).Verdict.ShouldBe(frozen ? PolicyVerdict.Refuse : PolicyVerdict.Allow);
    }

    [Theory]
    [InlineData("2026-11-25T07:59:59Z", false)]
    [InlineData("2026-11-25T08:00:00Z", true)]
    [InlineData("2026-11-25T15:59:59Z", true)]
    [InlineData("2026-11-25T16:00:00Z", false)]
    public void WeeklyFreeze_WithinOneDay_StartsInclusive_EndsExclusive(string utc, bool frozen)
    {
        var window = new FreezeWindowOptions
        {
            Name = "release-review", TimeZone = "Europe/Berlin", StartDay = DayOfWeek.Wednesday, StartTime = "09:00", EndDay = DayOfWeek.Wednesday, EndTime = "17:00",
        };
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));

        At(clock, Freezing(window)).Verdict.ShouldBe(frozen ? PolicyVerdict.Refuse : PolicyVerdict.Allow);
    }

    [Fact]
    public void Refusal_NamesTheWindow_ItsScope_AndItsEnd_InTheZoneAndUtc_AcrossTheDstChange()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 26, 15, 0, 0, TimeSpan.Zero));

        At(clock, Freezing(Weekend())).Refusal.ShouldBe(
            "refused: change freeze 'weekend' (mutating commands on prod-eks) is in force until Mon 2027-03-29 08:00 Europe/Berlin (06:00 UTC); nothing was run");

        clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(14) + TimeSpan.FromMinutes(59));
        At(clock, Freezing(Weekend())).Verdict.ShouldBe(PolicyVerdict.Refuse, "05:59 UTC is 07:59 CEST");
        clock.Advance(TimeSpan.FromMinutes(1));
        At(clock, Freezing(Weekend())).Verdict.ShouldBe(PolicyVerdict.Allow);
    }

    [Theory]
    [InlineData("2026-12-23T16:59:59Z", false)]
    [InlineData("2026-12-23T17:00:00Z", true)]
    [InlineData("2027-01-04T06:59:59Z", true)]
    [InlineData("2027-01-04T07:00:00Z", false)]
    public void OneOffFreeze_StartsInclusive_EndsExclusive(string utc, bool frozen)
    {
        var window = new FreezeWindowOptions { Name = "year-end", TimeZone = "Europe/Berlin", From = "2026-12-23T18:00", Until = "2027-01-04T08:00" };
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));

        At(clock, Freezing(window)).Verdict.ShouldBe(frozen ? PolicyVerdict.Refuse : PolicyVerdict.Allow);
    }

    [Fact]
    public void Freeze_CoversOnlyItsScope_AndNeverReads()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var window = Weekend();
        window.Namespaces = ["shop"];
        window.Commands = ["scale"];

        At(clock, Freezing(window)).Verdict.ShouldBe(PolicyVerdict.Refuse);
        At(clock, Freezing(window), Scale with { Scope = new TargetScope("staging", "shop") }).Verdict.ShouldBe(PolicyVerdict.Allow);
        At(clock, Freezing(window), Scale with { Scope = new TargetScope("prod-eks", "billing") }).Verdict.ShouldBe(PolicyVerdict.Allow);
        At(clock, Freezing(window), Scale with { Command = "rollout undo" }).Verdict.ShouldBe(PolicyVerdict.Allow);
        At(clock, Freezing(window), Scale with { Mutating = false }).Rules.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("P1", true, PolicyVerdict.RequireApproval)]
    [InlineData("P2", true, PolicyVerdict.RequireApproval)]
    [InlineData("P3", true, PolicyVerdict.Refuse)]
    [InlineData("P1", false, PolicyVerdict.Refuse)]
    public void IncidentOverride_OnlyForAnOpenP1OrP2_AndOnlyWhereTheWindowAllowsIt(string severity, bool open, PolicyVerdict verdict)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var request = Scale with { Incident = new IncidentStanding("INC-2026-0007", severity, open) };

        var decision = At(clock, Freezing(Weekend(allowForIncident: true)), request);

        decision.Verdict.ShouldBe(verdict);
        At(clock, Freezing(Weekend(allowForIncident: false)), request).Verdict.ShouldBe(PolicyVerdict.Refuse);
        if (verdict == PolicyVerdict.RequireApproval)
        {
            decision.ApprovalReason!.ShouldEndWith($"overridden for {severity} incident INC-2026-0007");
            decision.Binding.ShouldBe("freeze:weekend");
        }
    }

    [Fact]
    public void ProtectedNamespace_IsRefusedOutright_NamingTheRule()
    {
        var options = new PolicyOptions { Limits = new() { ProtectedNamespaces = ["kube-system"] } };

        var decision = At(new FakeTimeProvider(), options, Scale with { Scope = new TargetScope("staging", "kube-system") });

        decision.Refusal.ShouldBe("refused: namespace kube-system is protected (ChatOps:Policies:Limits:ProtectedNamespaces); nothing was run");
    }

    [Theory]
    [InlineData(3, 8, null)]
    [InlineData(3, 9, "refused: 3 → 9 changes replicas by 6, above the limit of 5 per command (ChatOps:Policies:Limits:MaxReplicaChange); nothing was run")]
    [InlineData(10, 4, "refused: 10 → 4 changes replicas by 6, above the limit of 5 per command (ChatOps:Policies:Limits:MaxReplicaChange); nothing was run")]
    public void MaxReplicaChange_IsAbsolute_BothWays(int before, int after, string? refusal)
    {
        var options = new PolicyOptions { Limits = new() { MaxReplicaChange = 5 } };

        At(new FakeTimeProvider(), options, Scale with { Replicas = new ReplicaChange(before, after) }).Refusal.ShouldBe(refusal);
    }

    [Theory]
    [InlineData(4, 6, null)]
    [InlineData(4, 7, "refused: 4 → 7 changes replicas by 75%, above the limit of 50% per command (ChatOps:Policies:Limits:MaxReplicaChangePercent); nothing was run")]
    [InlineData(0, 7, null)]
    public void MaxReplicaChangePercent_IsOfTheCurrentCount_AndSilentFromZero(int before, int after, string? refusal)
    {
        var options = new PolicyOptions { Limits = new() { MaxReplicaChangePercent = 50 } };

        At(new FakeTimeProvider(), options, Scale with { Replicas = new ReplicaChange(before, after) }).Refusal.ShouldBe(refusal);
    }

    [Theory]
    [InlineData(true, 3, 1, PolicyVerdict.RequireApproval)]
    [InlineData(true, 3, 2, PolicyVerdict.Allow)]
    [InlineData(true, 1, 1, PolicyVerdict.Allow)]
    [InlineData(false, 3, 1, PolicyVerdict.Allow)]
    public void BelowTheProductionMinimum_NeedsApproval_OnlyInProductionAndOnlyWhenScalingDown(bool production, int before, int after, PolicyVerdict verdict)
    {
        var options = new PolicyOptions { Limits = new() { MinProductionReplicas = 2 } };

        var decision = At(new FakeTimeProvider(), options, Scale with { Production = production, Replicas = new ReplicaChange(before, after) });

        decision.Verdict.ShouldBe(verdict);
        if (verdict == PolicyVerdict.RequireApproval)
        {
            decision.ApprovalReason.ShouldBe("3 → 1 goes below the production minimum of 2 replicas (ChatOps:Policies:Limits:MinProductionReplicas)");
        }
    }
}
