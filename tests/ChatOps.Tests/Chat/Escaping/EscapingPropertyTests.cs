using System.Text;
using System.Text.RegularExpressions;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Core.Text;
using ChatOps.Bot.Features.Audit;

namespace ChatOps.Tests.Chat.Escaping;

/// <summary>
/// Bounded property test: 20,000 strings (fixed seed) built from mention, broadcast, link, markdown, <c>&lt;at&gt;</c>,
/// backtick, line-break, control and frame characters, put in every user field of an audit record. After the outbox
/// round trip, no destination shows a live mention, broadcast or link, or more than one line.
/// </summary>
public sealed partial class EscapingPropertyTests
{
    public const int Cases = 20_000;

    private static readonly string[] Pieces =
    [
        "<@UADMIN2>", "<@W123|boss>", "<!channel>", "<!here>", "<!everyone>", "<!subteam^S1>", "<#C0123|ops>", "<https://evil.example|login>",
        "`", "```", "\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\v", "\f", "\t", "\u001b[31m", "\u202E", "\0",
        "*", "_", "~", "#", "> ", "- ", "1. ", "[x](https://e.example)", "<at>Admin</at>", "</at>", "< at >", "<AT>x</AT>",
        "&", "&lt;", "&amp;lt;", "<", ">", "|", "\\", "\uFFF9", "\uFFFA", "\uFFFB", "\uFFF9m", "[ok] uadmin", " ", "a", "Z", "é", "😀",
    ];

    [Fact]
    [Trait("Category", "Adversarial")]
    public void AnyUserText_RendersOnOneLine_WithoutLiveMentionsBroadcastsOrLinks_OnEveryDestination()
    {
        var random = new Random(20_203);
        for (var i = 0; i < Cases; i++)
        {
            var text = Generate(random);
            var record = new AuditRecord("r-1", DateTimeOffset.UnixEpoch, "slack", "U1", text, "C1", text, text, text,
                AuditDecision.Denied, text, AuditOutcome.Failed, text, 3, "c-1");
            var line = ChatText.Decode(new OutboxMessage("slack:C-AUDIT", AuditLines.Render(record)).Text);

            var slack = SlackMrkdwn.Render(line);
            SlackLive().IsMatch(slack).ShouldBeFalse($"case {i}: {slack}");
            OneLine(slack, i);
            slack.Count(c => c == '`').ShouldBe(2, $"case {i}: {slack}");

            var teams = TeamsMarkdown.Render(line);
            TeamsMention().IsMatch(teams).ShouldBeFalse($"case {i}: {teams}");
            OneLine(teams, i);
            UnescapedBacktick().Count(teams).ShouldBe(2, $"case {i}: {teams}");

            var plain = line.ToString();
            OneLine(plain, i);
            plain.ShouldNotContain(c => char.IsControl(c), $"case {i}");
        }
    }

    private static void OneLine(string rendered, int i) =>
        rendered.IndexOfAny(['\n', '\r', '\u0085', '\u2028', '\u2029', '\v', '\f']).ShouldBe(-1, $"case {i}: {rendered}");

    private static string Generate(Random random)
    {
        var sb = new StringBuilder();
        var count = random.Next(1, 12);
        for (var i = 0; i < count; i++)
        {
            sb.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return sb.ToString();
    }

    [GeneratedRegex("<[@#!]|<https?:")]
    private static partial Regex SlackLive();

    [GeneratedRegex(@"(?<!\\)<\s*/?\s*at\b", RegexOptions.IgnoreCase)]
    private static partial Regex TeamsMention();

    [GeneratedRegex(@"(?<!\\)`")]
    private static partial Regex UnescapedBacktick();
}
