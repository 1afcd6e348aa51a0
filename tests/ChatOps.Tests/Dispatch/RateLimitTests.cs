using ChatOps.Bot.Core;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Dispatch;

public sealed class RateLimitTests
{
    private static Task<OperationResult> RunAsAsync(TestBot bot, string platform, string user, string text) =>
        bot.Dispatcher.DispatchAsync(text, new ChatContext(platform, user, user, "C-OPS", null, RequestIds.New(), bot.Clock.GetUtcNow()), CancellationToken.None);

    [Fact]
    public async Task PerUser_RefusesTheCommandOverTheLimit_WithAFriendlyAnswer_AndCountsIt()
    {
        await using var bot = TestBot.Create(s =>
        {
            s["ChatOps:RateLimits:PerUser:PermitLimit"] = "3";
            s["ChatOps:RateLimits:PerUser:Window"] = "00:10:00";
        });
        for (var i = 0; i < 3; i++)
        {
            (await RunAsAsync(bot, "slack", "U-SPAM", "whoami")).Outcome.ShouldBe(Outcome.Succeeded);
        }

        var refused = await RunAsAsync(bot, "slack", "U-SPAM", "whoami");

        refused.Outcome.ShouldBe(Outcome.Denied);
        refused.Visibility.ShouldBe(Visibility.Ephemeral);
        refused.Text.ShouldStartWith("slow down: at most 3 commands per 10 min; try again in ");
        refused.Text.ShouldEndWith("Nothing was run.");
        (await bot.Metrics.ValueAsync("chatops_rate_limited_total{platform=\"slack\",command=\"whoami\"}")).ShouldBe(1);
        (await RunAsAsync(bot, "slack", "U-OTHER", "whoami")).Outcome.ShouldBe(Outcome.Succeeded, "limits are per person");
        (await RunAsAsync(bot, "teams", "U-SPAM", "whoami")).Outcome.ShouldBe(Outcome.Succeeded, "a Teams id is another person");
    }

    [Fact]
    public async Task PerCommand_LimitsOneCommand_AndLeavesTheOthers()
    {
        await using var bot = TestBot.Create(s =>
        {
            s["ChatOps:RateLimits:PerCommand:audit-verify:PermitLimit"] = "1";
            s["ChatOps:RateLimits:PerCommand:audit-verify:Window"] = "00:01:00";
        });

        (await RunAsAsync(bot, "teams", "aad-1", "audit verify")).Text.ShouldNotContain("slow down");
        var refused = await RunAsAsync(bot, "teams", "aad-1", "audit verify");

        refused.Outcome.ShouldBe(Outcome.Denied);
        refused.Text.ShouldStartWith("slow down: at most 1 `audit verify` commands per 60 s");
        (await RunAsAsync(bot, "teams", "aad-1", "whoami")).Outcome.ShouldBe(Outcome.Succeeded);
        (await RunAsAsync(bot, "teams", "aad-2", "audit verify")).Text.ShouldNotContain("slow down", customMessage: "a command's limit is per person");
    }

    [Fact]
    public async Task RefusedCommands_DoNotReachThePipeline()
    {
        await using var bot = TestBot.Create(s => s["ChatOps:RateLimits:PerUser:PermitLimit"] = "1");
        await RunAsAsync(bot, "slack", "U-SPAM", "whoami");
        var audited = (await bot.Store.QueryAsync(new ChatOps.Bot.Features.Audit.AuditQuery(Last: 100), CancellationToken.None)).Count;

        await RunAsAsync(bot, "slack", "U-SPAM", "audit --last 5");

        (await bot.Store.QueryAsync(new ChatOps.Bot.Features.Audit.AuditQuery(Last: 100), CancellationToken.None)).Count.ShouldBe(audited);
    }

    [Fact]
    public async Task TheLocalConsole_IsNotLimited()
    {
        await using var bot = TestBot.Create(s => s["ChatOps:RateLimits:PerUser:PermitLimit"] = "1");

        for (var i = 0; i < 5; i++)
        {
            (await bot.RunAsync("alice", "whoami")).Outcome.ShouldBe(Outcome.Succeeded);
        }
    }
}
