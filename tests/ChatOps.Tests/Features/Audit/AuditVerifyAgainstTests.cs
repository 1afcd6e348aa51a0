using ChatOps.Bot.Core;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Audit;

/// <summary><c>audit verify --against</c>: a head posted earlier exposes truncation and rewrites the chain alone cannot.</summary>
public sealed class AuditVerifyAgainstTests
{
    private static async Task<TestBot> BotWithRecordsAsync(int commands)
    {
        var bot = TestBot.Create();
        for (var i = 1; i <= commands; i++)
        {
            await bot.RunAsync("alice", $"test-scale web {i}");
        }

        return bot;
    }

    [Fact]
    public async Task Against_Succeeds_WhenThePublishedHeadIsStillInTheChain()
    {
        await using var bot = await BotWithRecordsAsync(2);
        var head = bot.Store.Entries[^1];
        await bot.RunAsync("alice", "test-scale web 3");

        var result = await bot.RunAsync("alice", $"audit verify --against {head.Sequence}:{head.Hash}");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldStartWith("audit chain intact");
    }

    [Fact]
    public async Task Against_AcceptsTheHeadAsPosted_WithAHashPrefix()
    {
        await using var bot = await BotWithRecordsAsync(2);
        var head = bot.Store.Entries[^1];

        var result = await bot.RunAsync("alice", $"audit verify --against \"#{head.Sequence} {head.Hash[..12]}…\"");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task Against_SaysHowManyNewestRecordsAreMissing_WhenTheChainWasTruncated()
    {
        await using var bot = await BotWithRecordsAsync(3);
        var head = bot.Store.Entries[^1];
        bot.Store.DeleteNewest(2);
        (await bot.Store.VerifyAsync(CancellationToken.None)).IsIntact.ShouldBeTrue("truncation alone is invisible to the chain");

        var result = await bot.RunAsync("alice", $"audit verify --against {head.Sequence}:{head.Hash}");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldStartWith($"audit chain BROKEN against the published head: the chain ends at #{head.Sequence - 2} but #{head.Sequence} was published: the newest 2 record(s) are missing");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task Against_Fails_WhenThePublishedRecordNoLongerCarriesItsHash()
    {
        await using var bot = await BotWithRecordsAsync(2);
        var head = bot.Store.Entries[^1];
        bot.Store.RewriteAndRecompute(1, r => r with { UserName = "mallory" });

        var result = await bot.RunAsync("alice", $"audit verify --against {head.Sequence}:{head.Hash}");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldContain($"record #{head.Sequence} has hash");
        result.Text.ShouldContain("the chain was rewritten");
    }

    [Theory]
    [InlineData("12")]
    [InlineData("abc:9f2c41d07b3e")]
    [InlineData("0:9f2c41d07b3e")]
    [InlineData("12:9f2c")]
    [InlineData("12:not-hex-at-all!")]
    public async Task Against_RefusesMalformedHeads_WithOneClearLine_AndChangesNothing(string against)
    {
        await using var bot = await BotWithRecordsAsync(1);
        var before = bot.Store.Entries.Count;

        var result = await bot.RunAsync("alice", $"audit verify --against {against}");

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.Split('\n')[0].ShouldBe("--against must be <seq>:<hash>, as posted: `audit verify --against 1234:9f2c…`");
        bot.Store.Entries.Count.ShouldBe(before + 1, "only the invalid request's own audit record");
    }
}
