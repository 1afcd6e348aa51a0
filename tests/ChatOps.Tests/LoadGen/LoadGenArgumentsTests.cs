using ChatOps.LoadGen;

namespace ChatOps.Tests.LoadGen;

public sealed class LoadGenArgumentsTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("3", 3_000)]
    [InlineData("1.5s", 1_500)]
    public void ParseDuration_ReadsWrkSpellings(string text, int milliseconds) =>
        LoadGenArguments.ParseDuration(text).ShouldBe(TimeSpan.FromMilliseconds(milliseconds));

    [Theory]
    [InlineData("0s")]
    [InlineData("-1s")]
    [InlineData("ten")]
    [InlineData("5h")]
    public void ParseDuration_RejectsNonsense(string text) =>
        Should.Throw<FormatException>(() => LoadGenArguments.ParseDuration(text));

    [Fact]
    public void Parse_ReadsPositionalsAndOptions()
    {
        var parsed = LoadGenArguments.Parse(
            ["http://127.0.0.1:18490/slack/commands", "500", "10s", "--requests", "help.txt", "--name", "help", "--max-outstanding", "300", "--timeout", "2s"]);

        parsed.ShouldBe(new LoadGenArguments(
            new Uri("http://127.0.0.1:18490/slack/commands"), 500, TimeSpan.FromSeconds(10), "help.txt", "help", 300, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Parse_DefaultsToGet_WithACapOf2000()
    {
        var parsed = LoadGenArguments.Parse(["http://127.0.0.1/livez", "100", "3s"]);

        parsed.RequestsFile.ShouldBeNull();
        parsed.MaxOutstanding.ShouldBe(2000);
    }

    [Theory]
    [InlineData("ftp://x/", "100", "1s")]
    [InlineData("/livez", "100", "1s")]
    [InlineData("http://x/", "0", "1s")]
    [InlineData("http://x/", "fast", "1s")]
    [InlineData("http://x/", "100", "1s", "--max-outstanding", "0")]
    [InlineData("http://x/", "100", "1s", "--bogus", "1")]
    [InlineData("http://x/", "100", "1s", "--name")]
    [InlineData("http://x/", "100")]
    public void Parse_RejectsBadInput_WithAReason(params string[] args) =>
        Should.Throw<FormatException>(() => LoadGenArguments.Parse(args)).Message.ShouldNotBeNullOrWhiteSpace();
}
