using ChatOps.Bot.Features.Databases;

namespace ChatOps.Tests.Features.Databases;

public sealed class SessionKeyTests
{
    private static readonly DateTime Started = new DateTime(2026, 11, 23, 11, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560);

    [Fact]
    public void Key_RoundTripsWithMicrosecondPrecision()
    {
        var key = new SessionKey(4242, Started, Started.AddSeconds(3));

        SessionKey.TryParse(key.ToString(), out var again).ShouldBeTrue();

        again.ShouldBe(key);
        key.ToString().ShouldBe("4242@1795431600123456@1795431603123456");
    }

    [Fact]
    public void Key_WithoutQueryStart_UsesADash()
    {
        var key = new SessionKey(7, Started, null);

        key.ToString().ShouldEndWith("@-");
        SessionKey.TryParse(key.ToString(), out var again).ShouldBeTrue();
        again.ShouldBe(key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4242")]
    [InlineData("4242@1@2@3")]
    [InlineData("0@1@2")]
    [InlineData("-1@1@2")]
    [InlineData("99999999999@1@2")]
    [InlineData("42@x@2")]
    [InlineData("42@1@+2")]
    [InlineData("42@999999999999999999@2")]
    public void Key_RefusesAnythingElse(string text) => SessionKey.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void List_RefusesDuplicatePids_AndMoreThanTheLimit()
    {
        SessionKeys.TryParse("1@1@1,1@2@2", out _).ShouldBeFalse();
        SessionKeys.TryParse(string.Join(',', Enumerable.Range(1, SessionKeys.MaxSessions + 1).Select(i => $"{i}@1@1")), out _).ShouldBeFalse();
        SessionKeys.TryParse(string.Join(',', Enumerable.Range(1, SessionKeys.MaxSessions).Select(i => $"{i}@1@1")), out var keys).ShouldBeTrue();
        keys.Count.ShouldBe(SessionKeys.MaxSessions);
    }
}
