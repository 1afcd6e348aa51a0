using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Parsing;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Parsing;

/// <summary>The global <c>--incident</c> option: every command takes it, it never changes the request, and the canonical line keeps it.</summary>
public sealed class IncidentOptionTests
{
    public static TheoryData<string, string> Forms() => new()
    {
        { "test-scale web 3 --incident INC-2026-7", "test-scale web 3 --incident=INC-2026-0007" },
        { "test-scale --incident=inc-2026-0007 deploy/web 3 -n shop", "test-scale web 3 --namespace=shop --incident=INC-2026-0007" },
        { "--incident INC-2026-12 audit --last 5", "audit --last=5 --incident=INC-2026-0012" },
        { "deny r-k3x9m2p7qa --INCIDENT INC-2026-1 not now", "deny r-k3x9m2p7qa \"not now\" --incident=INC-2026-0001" },
        { "whoami --incident INC-2026-0003", "whoami --incident=INC-2026-0003" },
        { "help audit --incident INC-2026-3", "help audit --incident=INC-2026-0003" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void EveryCommand_TakesIt_AndItsCanonicalFormReparsesToTheSameRequest(string text, string canonical)
    {
        var result = ParserFixture.Parse(text);

        result.Error.ShouldBeNull();
        result.Operation!.Command.Canonical.ShouldBe(canonical);
        var again = ParserFixture.Parse(canonical).Operation!;
        again.Command.Canonical.ShouldBe(canonical);
        again.Command.Incident.ShouldBe(result.Operation.Command.Incident);
        again.Command.Incident.ShouldStartWith("INC-2026-");
    }

    [Fact]
    public void ItDoesNotChangeWhatTheCommandDoes()
    {
        var plain = ParserFixture.Parse("test-scale web 3 -n shop").Operation.ShouldBeOfType<TestScaleCommand>();
        var named = ParserFixture.Parse("test-scale web 3 --incident INC-2026-7 -n shop").Operation.ShouldBeOfType<TestScaleCommand>();

        named.ShouldBe(plain with { Command = named.Command });
        plain.Command.Incident.ShouldBeNull();
        ParserFixture.Parse("deny r-1 --incident INC-2026-7 too risky").Operation.ShouldBeOfType<DenyCommand>().Reason.ShouldBe("too risky");
        ParserFixture.Parse("audit --incident INC-2026-7").Operation.ShouldBeOfType<ShowAuditQuery>().Last.ShouldBe(10);
    }

    [Fact]
    public void ApprovalsBindIt_BecauseTheCanonicalTextDiffers()
    {
        var plain = ParserFixture.Parse("test-scale web 0").Operation!.Command.Canonical;
        var named = ParserFixture.Parse("test-scale web 0 --incident INC-2026-7").Operation!.Command.Canonical;

        ApprovalHash.Of(named).ShouldNotBe(ApprovalHash.Of(plain));
    }

    [Theory]
    [InlineData("test-scale web 3 --incident", "--incident needs a value (INC-YYYY-N)")]
    [InlineData("test-scale web 3 --incident -n shop", "--incident needs a value (INC-YYYY-N)")]
    [InlineData("test-scale web 3 --incident INC-7", "--incident must be an incident id like INC-2026-0007, not 'INC-7'")]
    [InlineData("test-scale web 3 --incident= ", "--incident must be an incident id like INC-2026-0007, not ''")]
    [InlineData("test-scale web 3 --incident INC-2026-1 --incident INC-2026-2", "flag --incident is given twice")]
    [InlineData("--incident INC-2026-1", "empty command: type `help` for the list of commands")]
    [InlineData("--incident nope", "--incident must be an incident id like INC-2026-0007, not 'nope'")]
    public void BadValues_AreOneLineErrors(string text, string error)
    {
        var result = ParserFixture.Parse(text);

        result.IsSuccess.ShouldBeFalse();
        result.Error.ShouldBe(error);
    }

    [Fact]
    public void QuotedOrAfterDoubleDash_ItIsAValue_NotTheOption()
    {
        var deny = ParserFixture.Parse("deny r-1 \"--incident\" INC-2026-1").Operation.ShouldBeOfType<DenyCommand>();
        deny.Reason.ShouldBe("--incident INC-2026-1");
        deny.Command.Incident.ShouldBeNull();
        ParserFixture.Parse("deny r-1 -- --incident INC-2026-1").Operation!.Command.Incident.ShouldBeNull();
    }

    [Fact]
    public void NoCommand_MayDeclareItsOwnIncidentFlag() =>
        Should.Throw<ArgumentException>(() => new CommandRegistry().Add(
            new CommandSpec(["x"], "x", a => new DenyCommand(a.Context, a.Command, "r-1", null))
            {
                Flags = [ArgSpec.Flag("incident", ArgKind.Text, "clash")],
            }));
}
