using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Help;
using ChatOps.Bot.Parsing;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Parsing;

public sealed class CommandParserTests
{
    /// <summary>Every registered command form: input, expected canonical form.</summary>
    public static TheoryData<string, string> Forms() => new()
    {
        { "help", "help" },
        { "help audit", "help audit" },
        { "help audit verify", "help \"audit verify\"" },
        { "HELP", "help" },
        { "whoami", "whoami" },
        { "audit", "audit" },
        { "audit --last 5", "audit --last=5" },
        { "audit --last=5", "audit --last=5" },
        { "audit --user U024BE7LH --since 1h", "audit --user=U024BE7LH --since=1h" },
        { "audit --since=90m --last 7", "audit --last=7 --since=1h30m" },
        { "audit --user=\"alice smith\"", "audit --user=\"alice smith\"" },
        { "audit verify", "audit verify" },
        { "Audit Verify", "audit verify" },
        { "approve r-k3x9m2p7qa", "approve r-k3x9m2p7qa" },
        { "deny r-k3x9m2p7qa", "deny r-k3x9m2p7qa" },
        { "deny r-k3x9m2p7qa not during the sale", "deny r-k3x9m2p7qa \"not during the sale\"" },
        { "deny r-k3x9m2p7qa \"quoted reason\"", "deny r-k3x9m2p7qa \"quoted reason\"" },
        { "test-scale web 3", "test-scale web 3" },
        { "test-scale deployment/web 3 -n urbanos", "test-scale web 3 --namespace=urbanos" },
        { "test-scale deploy web 3 -n=urbanos --cluster prod-eks", "test-scale web 3 --namespace=urbanos --cluster=prod-eks" },
        { "test-scale deployments web 0 --dry-run", "test-scale web 0 --dry-run" },
        { "test-scale web 2 --dry-run=false", "test-scale web 2 --dry-run=false" },
        { "test-scale -- web 2", "test-scale web 2" },
        // Longer than the canonical form's first buffer (256 characters): it must grow, not cut.
        { "deny r-k3x9m2p7qa " + string.Concat(Enumerable.Repeat("the sale is on ", 24)).TrimEnd(), "deny r-k3x9m2p7qa \"" + string.Concat(Enumerable.Repeat("the sale is on ", 24)).TrimEnd() + "\"" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Parse_AcceptsEveryForm_AndItsCanonicalFormParsesToItself(string text, string canonical)
    {
        var result = ParserFixture.Parse(text);

        result.Error.ShouldBeNull();
        result.Operation!.Command.Canonical.ShouldBe(canonical);
        result.Operation.Command.Raw.ShouldBe(text);
        var again = ParserFixture.Parse(canonical).Operation!;
        again.GetType().ShouldBe(result.Operation.GetType());
        Arguments(again).ShouldBe(Arguments(result.Operation), "the canonical form binds the same values");
    }

    /// <summary>Every property of the request except the command line itself, whose raw text differs by design.</summary>
    private static Dictionary<string, object?> Arguments(IOperation operation) => operation.GetType().GetProperties()
        .Where(p => p.Name != nameof(IOperation.Command))
        .ToDictionary(p => p.Name, p => p.GetValue(operation));

    [Fact]
    public void Parse_BindsTypedValues()
    {
        ParserFixture.Parse("audit --last 5 --user U1 --since 2h").Operation
            .ShouldBeOfType<ShowAuditQuery>()
            .ShouldSatisfyAllConditions(
                q => q.Last.ShouldBe(5),
                q => q.User.ShouldBe("U1"),
                q => q.Since.ShouldBe(TimeSpan.FromHours(2)));
        ParserFixture.Parse("audit").Operation.ShouldBeOfType<ShowAuditQuery>().Last.ShouldBe(10);
        ParserFixture.Parse("help audit verify").Operation.ShouldBeOfType<HelpQuery>().Topic.ShouldBe("audit verify");
        ParserFixture.Parse("whoami").Operation.ShouldBeOfType<WhoAmIQuery>().Context.ShouldBe(ParserFixture.Context);
        ParserFixture.Parse("audit verify").Operation.ShouldBeOfType<VerifyAuditQuery>();
        ParserFixture.Parse("approve r-abc123").Operation.ShouldBeOfType<ApproveCommand>().Id.ShouldBe("r-abc123");
        ParserFixture.Parse("deny r-abc123 too   risky").Operation.ShouldBeOfType<DenyCommand>().Reason.ShouldBe("too risky");
        ParserFixture.Parse("test-scale deploy/web 4 -n shop").Operation.ShouldBeOfType<TestScaleCommand>()
            .ShouldSatisfyAllConditions(c => c.Deployment.ShouldBe("web"), c => c.Replicas.ShouldBe(4), c => c.Namespace.ShouldBe("shop"));
    }

    [Theory]
    [InlineData("", "empty command: type `help` for the list of commands")]
    [InlineData("aprove r-1", "unknown command 'aprove'; did you mean `approve`? Type `help` for the list")]
    [InlineData("audti", "unknown command 'audti'; did you mean `audit`? Type `help` for the list")]
    [InlineData("frobnicate", "unknown command 'frobnicate'; type `help` for the list")]
    [InlineData("audit --lst 5", "unknown flag '--lst' for `audit`; did you mean --last?")]
    [InlineData("audit --last", "--last needs a value (n)")]
    [InlineData("audit --last --user u", "--last needs a value (n)")]
    [InlineData("audit --last five", "--last must be a whole number, not 'five'")]
    [InlineData("audit --last 0", "--last must be between 1 and 200, not 0")]
    [InlineData("audit --last 1 --last 2", "flag --last is given twice")]
    [InlineData("audit --since 5min", "--since must be a duration like 90s, 5m, 1h or 1h30m, not '5min'")]
    [InlineData("audit verfy", "unexpected argument 'verfy' (did you mean `audit verify`?)")]
    [InlineData("audit verify now", "unexpected argument 'now'")]
    [InlineData("approve", "missing <request-id>")]
    [InlineData("deny \"r-1", "unterminated quote: close it or remove it")]
    [InlineData("test-scale Web_1 3", "<deployment> 'Web_1' is not a valid name (lower-case letters, digits, '-' and '.')")]
    [InlineData("test-scale service/web 3", "'service/web' is not a deployment")]
    [InlineData("test-scale web -1", "<replicas> must be between 0 and 100, not -1")]
    [InlineData("test-scale web 3 -x", "unknown flag '-x' for `test-scale`")]
    [InlineData("test-scale web 3 --dry-run=maybe", "--dry-run takes no value (or =true / =false), not 'maybe'")]
    public void Parse_RefusesBadInput_WithOneLineReason(string text, string error)
    {
        var result = ParserFixture.Parse(text);

        result.IsSuccess.ShouldBeFalse();
        result.Error.ShouldBe(error);
        result.Error!.ShouldNotContain('\n');
    }

    [Fact]
    public void Parse_AddsTheUsageLine_WhenTheCommandIsKnown()
    {
        var result = ParserFixture.Parse("audit --last five");

        result.Message.ShouldBe("--last must be a whole number, not 'five'\nusage: audit [--last n] [--user u] [--since dur]");
    }

    [Fact]
    public void Parse_RefusesOverlongInput_BeforeTokenizing() =>
        ParserFixture.Parse("help " + new string('x', CommandParser.MaxLength)).Error!.ShouldStartWith("command is too long");

    [Fact]
    public void Parse_CarriesTheApprovalGrant_OnlyWhenGiven()
    {
        var grant = new ApprovalGrant("r-abc", ["console:bob"]);
        ParserFixture.Parser.Parse("test-scale web 0", ParserFixture.Context, grant).Operation
            .ShouldBeOfType<TestScaleCommand>().Approval.ShouldBe(grant);
        ParserFixture.Parse("test-scale web 0").Operation.ShouldBeOfType<TestScaleCommand>().Approval.ShouldBeNull();
    }

    [Fact]
    public void Registry_RefusesDuplicateCommands() =>
        Should.Throw<ArgumentException>(() => new CommandRegistry([new HelpGrammar(), new HelpGrammar()]));
}
