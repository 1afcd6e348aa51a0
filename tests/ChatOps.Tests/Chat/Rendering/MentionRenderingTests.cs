using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Core.Text;

namespace ChatOps.Tests.Chat.Rendering;

/// <summary>
/// Features put people and channels into <see cref="ChatText"/> as spans; only each platform's renderer knows its
/// syntax. Slack links ids shaped like its own and shows the name for anything else, so a mention can never carry
/// markup; Teams and the console (the log platform) always show the name.
/// </summary>
public sealed class MentionRenderingTests
{
    [Theory]
    [InlineData("U0123ABC")]
    [InlineData("W0123ABC")]
    public void Slack_MentionsAUserId_ShapedLikeSlacks(string id) =>
        SlackMrkdwn.Render(ChatText.Mention(id, "@alice")).ShouldBe($"<@{id}>");

    [Theory]
    [InlineData("alice")]
    [InlineData("u0123abc")]
    [InlineData("U1")]
    [InlineData("C0123ABC")]
    [InlineData("U0123ABC> <!channel")]
    [InlineData("U0123ABC|x")]
    public void Slack_ShowsTheName_ForAnIdNotShapedLikeAUser(string id) =>
        SlackMrkdwn.Render(ChatText.Mention(id, "@alice")).ShouldBe("@alice");

    [Fact]
    public void Slack_EscapesTheName_ItShowsInsteadOfAMention() =>
        SlackMrkdwn.Render(ChatText.Mention("nobody", "<!channel>\n<@U0999>")).ShouldBe("&lt;!channel&gt;⏎&lt;@U0999&gt;");

    [Theory]
    [InlineData("C0456DEF")]
    [InlineData("G0456DEF")]
    public void Slack_LinksAChannelId_WithTheNameBeside(string id) =>
        SlackMrkdwn.Render(ChatText.Channel(id, "#inc <b>")).ShouldBe($"<#{id}> (#inc &lt;b&gt;)");

    [Theory]
    [InlineData("inc-2026-0001")]
    [InlineData("C0456DEF> <!here")]
    public void Slack_ShowsTheChannelName_ForAnIdNotShapedLikeAChannel(string id) =>
        SlackMrkdwn.Render(ChatText.Channel(id, "#inc")).ShouldBe("#inc");

    [Fact]
    public void Teams_ShowsNames_ForMentionsAndChannels_Escaped()
    {
        var text = ChatText.Of($"{ChatText.Mention("U0123ABC", "@alice <at>Admin</at>")} see {ChatText.Channel("C0456DEF", "#inc")}");

        TeamsMarkdown.Render(text).ShouldBe(@"@alice \<at\>Admin\</at\> see \#inc");
    }

    [Fact]
    public void Console_ShowsNames_ForMentionsAndChannels_OnOneLine()
    {
        var text = ChatText.Of($"{ChatText.Mention("U0123ABC", "@alice\nbob")} see {ChatText.Channel("C0456DEF", "#inc")}");

        PlainText.Render(text).ShouldBe("@alice⏎bob see #inc");
    }

    [Fact]
    public void AMentionSpan_SurvivesTheOutbox_AndStillRendersPerPlatform()
    {
        var stored = ChatText.Decode(ChatText.Of($"ping {ChatText.Mention("U0123ABC", "@alice")}").Encode());

        (SlackMrkdwn.Render(stored), TeamsMarkdown.Render(stored), PlainText.Render(stored)).ShouldBe(("ping <@U0123ABC>", "ping @alice", "ping @alice"));
    }
}
