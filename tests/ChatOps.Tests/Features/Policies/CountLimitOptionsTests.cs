using ChatOps.Bot.Features.Policies;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Features.Policies;

/// <summary>MaxKillSessions and Rates that could not count are refused at start, naming the key.</summary>
public sealed class CountLimitOptionsTests
{
    private const string R = "ChatOps:Policies:Limits:Rates:0";

    [Theory]
    [InlineData("Name", "", $"{R}:Name: give the rule a name")]
    [InlineData("Commands:0", "status", $"{R}:Commands: 'status' is not a mutating command (only what changes something is counted)")]
    [InlineData("Window", "00:00:00", $"{R}:Window: 00:00:00 must be more than zero and at most 7 days")]
    [InlineData("Max", "0", $"{R}:Max: 0 must be 1 or more")]
    public async Task BadRate_FailsAtStart_NamingTheKey(string key, string value, string message)
    {
        await using var bot = TestBot.Create(s =>
        {
            s[$"{R}:Name"] = "rollback-storm";
            s[$"{R}:Commands:0"] = "rollout undo";
            s[$"{R}:{key}"] = value;
        });

        Failures(bot).ShouldContain(message);
    }

    [Fact]
    public async Task ARateWithoutCommands_AndAZeroSessionLimit_FailAtStart()
    {
        await using var bot = TestBot.Create(s =>
        {
            s[$"{R}:Name"] = "nothing";
            s["ChatOps:Policies:Limits:MaxKillSessions"] = "0";
        });

        Failures(bot).ShouldContain($"{R}:Commands: name the mutating commands it counts, e.g. [\"rollout undo\"]");
        Failures(bot).ShouldContain("ChatOps:Policies:Limits:MaxKillSessions: 0 must be 1 or more");
    }

    [Fact]
    public async Task AnUnknownPer_FailsAtStart()
    {
        await using var bot = TestBot.Create(s =>
        {
            s[$"{R}:Name"] = "rollback-storm";
            s[$"{R}:Commands:0"] = "rollout undo";
            s[$"{R}:Per"] = "Deployment";
        });

        Failures(bot).ShouldContain(f => f.Contains($"{R}", StringComparison.Ordinal) && f.Contains("Deployment", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Failures(TestBot bot)
    {
        try
        {
            _ = bot.Services.GetRequiredService<IOptionsMonitor<PolicyOptions>>().CurrentValue;
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToList();
        }
    }
}
