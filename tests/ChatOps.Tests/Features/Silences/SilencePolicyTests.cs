using ChatOps.Bot.Features.Silences;

namespace ChatOps.Tests.Features.Silences;

public sealed class SilencePolicyTests
{
    private static readonly string[] Spread = ["namespace", "service"];
    private static readonly TimeSpan Max = TimeSpan.FromHours(24);

    private static IReadOnlyList<SilenceMatcher> M(string text) =>
        SilenceMatchers.TryParse(text, out var m, out var e) ? m : throw new InvalidOperationException(e);

    private static IReadOnlyList<IReadOnlyDictionary<string, string>> Firing(params Dictionary<string, string>[] alerts) => alerts;

    [Fact]
    public void OneEqualityMatcher_Short_OneNamespace_IsNotDangerous() =>
        SilencePolicy.Reasons(M("HighErrorRate"), TimeSpan.FromHours(2), Max,
            Firing(SilenceBots.Alert("HighErrorRate", "shop"), SilenceBots.Alert("HighErrorRate", "shop")), Spread).ShouldBeEmpty();

    [Theory]
    [InlineData("alertname=~High.*")]
    [InlineData("alertname!=Watchdog")]
    [InlineData("alertname=~High.* namespace=")]
    public void WithoutANameEqualsValueMatcher_IsDangerous(string text) =>
        SilencePolicy.Reasons(M(text), TimeSpan.FromHours(1), Max, Firing(), Spread).ShouldBe(["no matcher is name=value"]);

    [Fact]
    public void LongerThanTheMaximum_IsDangerous()
    {
        SilencePolicy.Reasons(M("HighErrorRate"), TimeSpan.FromHours(24), Max, Firing(), Spread).ShouldBeEmpty();
        SilencePolicy.Reasons(M("HighErrorRate"), TimeSpan.FromHours(25), Max, Firing(), Spread)
            .ShouldBe(["it lasts 1d1h, over the 1d maximum"]);
    }

    [Fact]
    public void FiringAlertsOfSeveralNamespacesOrServices_AreDangerous() =>
        SilencePolicy.Reasons(M("HighErrorRate"), TimeSpan.FromHours(1), Max,
            Firing(SilenceBots.Alert("HighErrorRate", "shop", "web"), SilenceBots.Alert("HighErrorRate", "billing", "api")), Spread)
            .ShouldBe(["it matches firing alerts of 2 namespaces (billing, shop)", "it matches firing alerts of 2 services (api, web)"]);

    [Fact]
    public void UnknownFiringAlerts_AreDangerous_SoASecondPersonLooks() =>
        SilencePolicy.Reasons(M("HighErrorRate"), TimeSpan.FromHours(1), Max, null, Spread)
            .ShouldBe(["the firing alerts it matches could not be read"]);
}
