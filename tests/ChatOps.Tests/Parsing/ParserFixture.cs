using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Help;
using ChatOps.Bot.Parsing;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Parsing;

internal static class ParserFixture
{
    public static readonly CommandParser Parser = new(new CommandRegistry([new HelpGrammar(), new AuditGrammar(), new ApprovalGrammar(), new TestScaleGrammar()]));

    public static readonly ChatContext Context =
        new("console", "alice", "alice", "C1", null, "r-test000001", new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public static ParseResult Parse(string text) => Parser.Parse(text, Context);
}
