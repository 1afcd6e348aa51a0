using ChatOps.Bot.Chat.Console;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Core;
using ChatOps.Bot.Core.Text;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Chat.Escaping;

/// <summary>
/// Issue #20 item 3: a user with no role sends a quoted argument holding a line break, a believable "[ok]" line and a
/// mention. The audit line queued for the channel, rendered for each destination, stays one line and pings nobody.
/// </summary>
public sealed class ForgedAuditLineTests
{
    private const string Attack =
        "deny r-zzzzzzzzzz \"x\n[ok] uadmin (slack:UADMIN) `queue purge orders --broker amq` on amq, approved by ubob · 12 ms · r-1\n<@UADMIN2> <at>Admin</at> please check\"";

    private static async Task<ChatText> QueuedLineAsync()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("mallory", Attack);
        return ChatText.Decode(bot.Store.Outbox.ShouldHaveSingleItem().Text);
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task ForgedAuditLine_OnSlack_IsOneLine_WithTheMentionEscaped_AndOneCodeSpan()
    {
        var line = SlackMrkdwn.Render(await QueuedLineAsync());

        line.ShouldStartWith("[denied] mallory (console:mallory) `deny r-zzzzzzzzzz");
        line.ShouldNotContain('\n');
        line.ShouldNotContain("<@UADMIN2>");
        line.ShouldContain("⏎[ok] uadmin");
        line.ShouldContain("&lt;@UADMIN2&gt;");
        line.Count(c => c == '`').ShouldBe(2);
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task ForgedAuditLine_OnTeams_IsOneLine_WithoutAnAtMention()
    {
        var message = AdaptiveCards.Text(await QueuedLineAsync());
        var line = message["text"]!.GetValue<string>();

        line.ShouldStartWith("[denied] mallory (console:mallory) `deny r-zzzzzzzzzz");
        line.ShouldNotContain('\n');
        line.ShouldNotContain("<at>", Case.Insensitive);
        line.ShouldContain("⏎[ok] uadmin");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task ForgedAuditLine_InTheLogAndTheConsoleAuditTable_IsOneLine()
    {
        (await QueuedLineAsync()).ToString().ShouldNotContain('\n');

        await using var bot = TestBot.Create();
        await bot.RunAsync("mallory", Attack);
        var shown = ConsoleRenderer.Render(await bot.RunAsync("alice", "audit --last 5"));

        shown.Split('\n').ShouldNotContain(l => l.StartsWith("[ok]", StringComparison.Ordinal) || l.StartsWith("<@UADMIN2>", StringComparison.Ordinal));
        shown.ShouldContain("⏎");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public void ConsoleAnswer_ShowsControlCharactersEscaped_ButKeepsItsLines()
    {
        var shown = ConsoleRenderer.Render(OperationResult.Success("one\ntwo\r\u001b[2Jthree\u2028four"));

        shown.ShouldBe("one\ntwo\\u000D\\u001B[2Jthree\\u2028four");
    }
}
