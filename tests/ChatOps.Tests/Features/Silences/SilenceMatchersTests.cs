using ChatOps.Bot.Features.Silences;

namespace ChatOps.Tests.Features.Silences;

public sealed class SilenceMatchersTests
{
    [Fact]
    public void BareWord_IsAnAlertnameEqualityMatcher()
    {
        SilenceMatchers.TryParse("HighErrorRate", out var m, out _).ShouldBeTrue();

        m.ShouldBe([new SilenceMatcher("alertname", "HighErrorRate", IsRegex: false, IsEqual: true)]);
    }

    [Fact]
    public void AllFourOperators_MapToAlertmanagersIsEqualAndIsRegex()
    {
        SilenceMatchers.TryParse("a=1 b!=2 c=~x.* d!~y|z", out var m, out _).ShouldBeTrue();

        m.ShouldBe(
        [
            new SilenceMatcher("a", "1", false, true),
            new SilenceMatcher("b", "2", false, false),
            new SilenceMatcher("c", "x.*", true, true),
            new SilenceMatcher("d", "y|z", true, false),
        ]);
        SilenceMatchers.Format(m).ShouldBe("a=\"1\" b!=\"2\" c=~\"x.*\" d!~\"y|z\"");
    }

    [Fact]
    public void AmtoolBracesCommasAndQuotes_AreAccepted()
    {
        SilenceMatchers.TryParse("{alertname=\"DiskFull\",namespace=shop}", out var m, out _).ShouldBeTrue();

        m.ShouldBe([new SilenceMatcher("alertname", "DiskFull", false, true), new SilenceMatcher("namespace", "shop", false, true)]);
    }

    [Fact]
    public void ARegexThatDoesNotCompile_IsOneClearLine()
    {
        SilenceMatchers.TryParse("job=~api(", out _, out var error).ShouldBeFalse();

        error!.ShouldStartWith("'job=~api(': the regex does not compile (");
        error.ShouldNotContain("\n");
    }

    [Theory]
    [InlineData("")]
    [InlineData("9lives=x")]
    [InlineData("a b=c d~e")]
    public void NeitherAlertNameNorMatcher_IsRefused(string text) =>
        SilenceMatchers.TryParse(text, out _, out _).ShouldBeFalse();

    [Fact]
    public void Matches_AnchorsRegexes_AsAlertmanagerDoes()
    {
        var m = new SilenceMatcher("service", "web", IsRegex: true, IsEqual: true);

        m.Matches("web").ShouldBeTrue();
        m.Matches("web-2").ShouldBeFalse();
        new SilenceMatcher("service", "web", IsRegex: false, IsEqual: false).Matches(null).ShouldBeTrue();
    }
}
