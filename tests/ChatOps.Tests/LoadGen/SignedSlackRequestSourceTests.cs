using ChatOps.LoadGen;

namespace ChatOps.Tests.LoadGen;

public sealed class SignedSlackRequestSourceTests
{
    private static readonly Uri Url = new("http://127.0.0.1:18490/slack/commands");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000);
    private static readonly string Signature = "v0=" + new string('a', 32) + new string('0', 32);

    private static string Line(long timestamp, string signature, string body) => $"{timestamp}\t{signature}\t{body}";

    [Fact]
    public async Task Create_PostsTheSignedBodiesInTurn_WithSlackHeaders()
    {
        var source = SignedSlackRequestSource.Parse(
            Url, [Line(1_790_000_000, Signature, "text=help&trigger_id=0.1"), "", Line(1_790_000_000, Signature, "text=help&trigger_id=1.1")],
            Now, TimeSpan.FromSeconds(10));

        source.Count.ShouldBe(2);
        using var third = source.Create(2);
        third.Method.ShouldBe(HttpMethod.Post);
        third.RequestUri.ShouldBe(Url);
        third.Headers.GetValues("X-Slack-Request-Timestamp").ShouldBe(["1790000000"]);
        third.Headers.GetValues("X-Slack-Signature").ShouldBe([Signature]);
        third.Content!.Headers.ContentType!.MediaType.ShouldBe("application/x-www-form-urlencoded");
        (await third.Content.ReadAsStringAsync()).ShouldBe("text=help&trigger_id=0.1");
    }

    [Fact]
    public void Rejects_UppercaseHex_WhichTheBotRefuses() =>
        Should.Throw<FormatException>(() => SignedSlackRequestSource.Parse(
            Url, [Line(1_790_000_000, Signature.ToUpperInvariant().Replace("V0=", "v0=", StringComparison.Ordinal), "a=b")], Now, TimeSpan.FromSeconds(10)))
            .Message.ShouldContain("lowercase");

    [Fact]
    public void Rejects_ARunThatWouldEndOutsideSlacksWindow()
    {
        // Signed 4 minutes ago: a 30 s run fits, a 90 s run would finish with stale timestamps.
        var fourMinutesAgo = Now.AddMinutes(-4).ToUnixTimeSeconds();

        SignedSlackRequestSource.Parse(Url, [Line(fourMinutesAgo, Signature, "a=b")], Now, TimeSpan.FromSeconds(30)).Count.ShouldBe(1);
        Should.Throw<FormatException>(() => SignedSlackRequestSource.Parse(Url, [Line(fourMinutesAgo, Signature, "a=b")], Now, TimeSpan.FromSeconds(90)))
            .Message.ShouldContain("re-sign");
    }

    [Theory]
    [InlineData("1790000000 v0=abc body")]
    [InlineData("soon\tv0=aa\tbody")]
    public void Rejects_LinesNotInTheSignerFormat(string line) =>
        Should.Throw<FormatException>(() => SignedSlackRequestSource.Parse(Url, [line], Now, TimeSpan.FromSeconds(1))).Message.ShouldContain("line 1");

    [Fact]
    public void Rejects_AnEmptyFile() =>
        Should.Throw<FormatException>(() => SignedSlackRequestSource.Parse(Url, [], Now, TimeSpan.FromSeconds(1)));
}
