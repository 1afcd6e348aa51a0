using ChatOps.Bot.Parsing;

namespace ChatOps.Tests.Parsing;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("1d2h3m4s", 93784)]
    public void TryParse_AcceptsStrictForms(string text, int seconds)
    {
        Durations.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("m")]
    [InlineData("5 m")]
    [InlineData("5min")]
    [InlineData("-5m")]
    [InlineData("0s")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("1.5h")]
    [InlineData("400d")]
    [InlineData("99999999999s")]
    public void TryParse_RefusesEverythingElse(string text) => Durations.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData(90, "1m30s")]
    [InlineData(3600, "1h")]
    [InlineData(93784, "1d2h3m4s")]
    public void Format_IsShortestStrictForm(int seconds, string expected) =>
        Durations.Format(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
}
