using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Authorization;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Tests.Features.Authorization;

/// <summary>Issue 16: the break-glass policy — who may ask, for how long, self-granted or approved — and lease expiry.</summary>
public sealed class ElevationRulesTests
{
    private static readonly ElevationOptions Options = new()
    {
        Requesters = ["slack:U-ONCALL", "slack-group:S-SRE"],
        MaxDuration = TimeSpan.FromHours(2),
    };

    private static ElevationAsk Ask(string subject = "slack:U-ONCALL", TimeSpan? duration = null, Role highest = Role.Viewer, params string[] groups) =>
        new(subject, groups, highest, Role.Admin, duration ?? TimeSpan.FromHours(1));

    [Fact]
    public void SomeoneNotListed_IsRefused_NamingTheSetting()
    {
        var (verdict, text) = ElevationRules.Judge(Ask("slack:U-MALLORY", highest: Role.Operator), Options);

        verdict.ShouldBe(ElevationVerdict.Refuse);
        text.ShouldBe("refused: slack:U-MALLORY may not ask for elevation (ChatOps:Policies:Elevation:Requesters, MinimumRole); nothing was granted");
    }

    [Fact]
    public void AListedGroup_OrTheMinimumRole_MayAsk()
    {
        ElevationRules.Judge(Ask("slack:U-ERIN", groups: "slack-group:S-SRE"), Options).Verdict.ShouldBe(ElevationVerdict.NeedsApproval);
        var byRole = new ElevationOptions { MinimumRole = Role.Operator };
        ElevationRules.Judge(Ask("slack:U-DAVE", highest: Role.Operator), byRole).Verdict.ShouldBe(ElevationVerdict.NeedsApproval);
        ElevationRules.Judge(Ask("slack:U-CAROL", highest: Role.Viewer), byRole).Verdict.ShouldBe(ElevationVerdict.Refuse);
        ElevationRules.Judge(Ask("slack:U-CAROL"), new ElevationOptions()).Verdict.ShouldBe(ElevationVerdict.Refuse);
    }

    [Fact]
    public void TheMaximumDuration_IsAllowed_AndAMinuteMoreIsRefused()
    {
        ElevationRules.Judge(Ask(duration: TimeSpan.FromHours(2)), Options).Verdict.ShouldBe(ElevationVerdict.NeedsApproval);

        var (verdict, text) = ElevationRules.Judge(Ask(duration: TimeSpan.FromMinutes(121)), Options);

        verdict.ShouldBe(ElevationVerdict.Refuse);
        text.ShouldBe("refused: 121m is above the maximum of 2h (ChatOps:Policies:Elevation:MaxDuration); nothing was granted");
        ElevationRules.Judge(Ask(duration: TimeSpan.Zero), Options).Verdict.ShouldBe(ElevationVerdict.Refuse);
    }

    [Fact]
    public void SelfGrant_GrantsAtOnce_OtherwiseOneApprovalIsNeeded()
    {
        ElevationRules.Judge(Ask(), Options).ShouldBe((ElevationVerdict.NeedsApproval,
            "elevation needs one approval by someone else holding that role (ChatOps:Policies:Elevation:SelfGrant is off)"));

        var selfGrant = new ElevationOptions { Requesters = Options.Requesters, MaxDuration = Options.MaxDuration, SelfGrant = true };
        ElevationRules.Judge(Ask(), selfGrant).Verdict.ShouldBe(ElevationVerdict.Grant);
    }

    [Fact]
    public void AnElevation_CountsUntilItsExpiry_Exclusive()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 13, 0, 0, TimeSpan.Zero));
        var lease = new Elevation("el-1", "slack:U-ONCALL", Role.Admin, "prod-eks", null, "failover", null, "slack:U-ONCALL",
            clock.GetUtcNow(), clock.GetUtcNow().AddHours(1));

        lease.IsActiveAt(clock.GetUtcNow()).ShouldBeTrue();
        clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        lease.IsActiveAt(clock.GetUtcNow()).ShouldBeTrue();
        clock.Advance(TimeSpan.FromTicks(1));
        lease.IsActiveAt(clock.GetUtcNow()).ShouldBeFalse();
        lease.AsGrant().ShouldBe(new Grant(Role.Admin, "break-glass el-1", "prod-eks", null));
    }
}
