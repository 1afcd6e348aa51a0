using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Parsing;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Features.Help;

public sealed class CoreCommandTests
{
    [Fact]
    public async Task Help_ListsEveryRegisteredCommand_FromTheRegistry()
    {
        await using var bot = TestBot.Create();
        var registry = bot.Services.GetRequiredService<CommandRegistry>();

        var result = await bot.RunAsync("alice", "help");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        foreach (var spec in registry.Commands)
        {
            result.Text.ShouldContain(HelpRenderer.Usage(spec));
            result.Text.ShouldContain(spec.Summary);
        }
    }

    [Fact]
    public async Task Help_ForOneCommand_ShowsUsageRoleFlagsAndExamples()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("carol", "help audit");

        result.Text.ShouldBe(
            """
            usage: audit [--last n] [--user u] [--since dur]
            Show recent audit records, newest first.
            role: viewer · read-only
            arguments:
              --last                 how many records (1-200, default 10)
              --user                 only this user's records (user id)
              --since                only records newer than this (90s, 5m, 1h, 2d)
              --incident INC-YYYY-N  puts the run on that open incident's timeline (every command)
            examples:
              audit --last 5
              audit --user U024BE7LH --since 1h
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Help_ForAGroup_ListsItsSubcommands_AndUnknownTopicsGetSuggestions()
    {
        await using var bot = TestBot.Create();

        (await bot.RunAsync("alice", "help test-scale")).Text.ShouldStartWith("usage: test-scale <deployment> <replicas>");
        (await bot.RunAsync("alice", "help aprove")).Text.ShouldBe("no command 'aprove'; did you mean `help approve`?");
    }

    [Fact]
    public async Task Help_NeedsNoRole()
    {
        await using var bot = TestBot.Create();

        (await bot.RunAsync("stranger", "help")).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("stranger", "whoami")).Outcome.ShouldBe(Outcome.Succeeded);
    }

    [Fact]
    public async Task WhoAmI_ShowsIdentityAndRolesPerEnvironment()
    {
        await using var bot = TestBot.Create();

        (await bot.RunAsync("erin", "whoami")).Text.ShouldBe("You are erin (console:erin).\nRoles:\n  operator on prod-eks/default");
        (await bot.RunAsync("alice", "whoami")).Text.ShouldBe("You are alice (console:alice).\nRoles:\n  admin everywhere");
        (await bot.RunAsync("nobody", "whoami")).Text.ShouldBe(
            "You are nobody (console:nobody).\nYou hold no role: you may use `help` and `whoami`. Ask an admin to add a role binding for console:nobody.");
    }

    [Fact]
    public async Task Audit_ShowsNewestRecordsFirst_WithFilters()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "test-scale web 1");
        bot.Clock.Advance(TimeSpan.FromHours(2));
        await bot.RunAsync("bob", "test-scale web 2");

        var all = await bot.RunAsync("carol", "audit --last 5");
        var bobs = await bot.RunAsync("carol", "audit --user bob");
        var recent = await bot.RunAsync("carol", "audit --since 1h --last 10");

        // A query is audited after it answers, so it sees the records before it.
        all.Tables.ShouldHaveSingleItem().Rows.Select(r => r[3]).ShouldBe(["test-scale web 2", "test-scale web 1"]);
        bobs.Tables[0].Rows.ShouldHaveSingleItem()[2].ShouldBe("console:bob");
        recent.Tables[0].Rows.Select(r => r[3]).ShouldBe(["audit --user=bob", "audit --last=5", "test-scale web 2"]);
        all.Text.Split('\n')[0].ShouldStartWith("time (UTC)");
    }

    [Fact]
    public async Task Audit_ShowsAStartedMutationWithoutOutcome_AsUnknown()
    {
        await using var bot = TestBot.Create();
        await bot.Store.AppendAsync(
            new ChatOps.Bot.Features.Audit.AuditRecord("r-crashed01", bot.Clock.GetUtcNow(), "console", "alice", "alice", "C1", "test-scale web 0",
                "test-scale web 0", "staging/default", AuditDecision.Allowed, null,
                AuditOutcome.Started, null, 0, "r-crashed01"),
            [],
            CancellationToken.None);

        var result = await bot.RunAsync("alice", "audit --last 2");

        result.Tables[0].Rows.ShouldHaveSingleItem()[5].ShouldBe("started, outcome unknown");
    }

    [Fact]
    public async Task AuditVerify_IsAdminOnly_AndNamesTheFirstBrokenRecord()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "test-scale web 1");
        await bot.RunAsync("alice", "test-scale web 2");

        (await bot.RunAsync("carol", "audit verify")).Outcome.ShouldBe(Outcome.Denied);
        var intact = await bot.RunAsync("alice", "audit verify");
        intact.Outcome.ShouldBe(Outcome.Succeeded);
        intact.Text.ShouldStartWith("audit chain intact: 5 records verified");

        var victim = bot.Store.Entries[2];
        bot.Store.Tamper(victim.Sequence, r => r with { RawText = "test-scale web 99" });
        var broken = await bot.RunAsync("alice", "audit verify");

        broken.Outcome.ShouldBe(Outcome.Failed);
        broken.Text.ShouldStartWith($"audit chain BROKEN at record #3 (request {victim.Record.RequestId}): its content does not match its hash");
    }
}
