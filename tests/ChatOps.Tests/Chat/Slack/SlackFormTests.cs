using System.Text;
using ChatOps.Bot.Chat.Slack;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOps.Tests.Chat.Slack;

public sealed class SlackFormTests
{
    [Fact]
    public void ASlashCommand_IsReadFieldByField()
    {
        var body = "token=x&team_id=T1&user_id=U1&user_name=ann&command=%2Fops&text=scale+web+3+%3C%40U2%3E+%26+%C3%A9%F0%9F%98%80"
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fabc&channel_id=C1";

        var form = SlackForm.Parse(Encoding.UTF8.GetBytes(body));

        form["text"].ShouldBe("scale web 3 <@U2> & é😀");
        form["response_url"].ShouldBe("https://hooks.slack.com/commands/T1/1/abc");
        form["command"].ShouldBe("/ops");
        form.Count.ShouldBe(8);
    }

    [Fact]
    public void TheNamesSlackSends_AreTheSameStringEveryTime()
    {
        var first = SlackForm.Parse("user_id=U1&text=a"u8).Keys.ToList();
        var second = SlackForm.Parse("user_id=U2&text=b"u8).Keys.ToList();

        first.Zip(second).ShouldAllBe(pair => ReferenceEquals(pair.First, pair.Second));
    }

    /// <summary>Whatever the body, the form reads as ASP.NET Core's query parser reads it, which read it before.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("=b")]
    [InlineData("a=&=&&b=2&")]
    [InlineData("?a=1")]
    [InlineData("a=1&a=2&a=")]
    [InlineData("a=%zz%2&b=%C3&c=%C3%28&d=%")]
    [InlineData("t%65xt=x%2By+z&%74=%E2%82%AC")]
    [InlineData("a=b=c&text=\u00e9\u0000")]
    public void AnyBody_ReadsAsTheAspNetCoreQueryParserReadsIt(string body) => ShouldReadAsAspNetCore(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void RandomBodies_ReadAsTheAspNetCoreQueryParserReadsThem()
    {
        var random = new Random(20261207);
        string[] atoms = ["a", "text", "user_id", "=", "&", "+", "%", "%2", "%41", "%2B", "%C3", "%A9", "%F0%9F%98%80", "%zz", "é", "?", ",", " "];
        for (var i = 0; i < 5_000; i++)
        {
            var body = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => atoms[random.Next(atoms.Length)]));
            ShouldReadAsAspNetCore(Encoding.UTF8.GetBytes(body));
        }

        var bytes = new byte[24];
        for (var i = 0; i < 2_000; i++)
        {
            random.NextBytes(bytes);
            ShouldReadAsAspNetCore(bytes);
        }
    }

    private static void ShouldReadAsAspNetCore(byte[] body)
    {
        var expected = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

        SlackForm.Parse(body).OrderBy(p => p.Key, StringComparer.Ordinal).ShouldBe(
            expected.OrderBy(p => p.Key, StringComparer.Ordinal), Convert.ToHexString(body));
    }
}
