using ChatOps.Bot.Features.Policies;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Features.Policies;

public sealed class PolicyOptionsValidatorTests
{
    private const string W = "ChatOps:Policies:Freezes:0";

    [Theory]
    [InlineData("TimeZone", "Europe/Atlantis", $"{W}:TimeZone: 'Europe/Atlantis' is not a known IANA time zone")]
    [InlineData("StartTime", "4pm", $"{W}:StartTime: '4pm' is not a time (HH:mm)")]
    [InlineData("From", "2026-12-23T18:00", $"{W}: give either StartDay/StartTime/EndDay/EndTime (weekly) or From/Until (one-off), not both and not neither")]
    [InlineData("Commands:0", "status", $"{W}:Commands: 'status' is not a mutating command (reads are never frozen)")]
    [InlineData("Name", "", $"{W}:Name: give the window a name")]
    public async Task BadFreeze_FailsAtStart_NamingTheKey(string key, string value, string message)
    {
        await using var bot = TestBot.Create(s =>
        {
            Weekly(s);
            s[$"{W}:{key}"] = value;
        });

        Failures(bot).ShouldContain(message);
    }

    [Fact]
    public async Task BadLimits_FailAtStart()
    {
        await using var bot = TestBot.Create(s => s["ChatOps:Policies:Limits:MaxReplicaChangePercent"] = "0");

        Failures(bot).ShouldContain("ChatOps:Policies:Limits:MaxReplicaChangePercent: 0 must be between 1 and 10000");
    }

    [Fact]
    public async Task ReadmeExample_IsValid_AndBindsBothWindows()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var start = readme.IndexOf("```jsonc\n", readme.IndexOf("## Policies", StringComparison.Ordinal), StringComparison.Ordinal) + 9;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        var json = "{ \"ChatOps\": {" + string.Join('\n', block.Split('\n').Select(l => l.StartsWith("// ", StringComparison.Ordinal) ? l[3..] : l)) + "} }";
        var settings = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build()
            .AsEnumerable().Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
        await using var bot = TestBot.Create(s =>
        {
            foreach (var (k, v) in settings)
            {
                s[k] = v;
            }
        });

        Failures(bot).ShouldBeEmpty();
        var options = bot.Services.GetRequiredService<IOptionsMonitor<PolicyOptions>>().CurrentValue;
        options.Freezes.Select(f => f.Name).ShouldBe(["weekend", "year-end"]);
        options.Limits.MinProductionReplicas.ShouldBe(2);
        options.Limits.MaxKillSessions.ShouldBe(20);
        options.Limits.Rates.Select(r => (r.Name, r.Per)).ShouldBe([("rollback-storm", RatePer.Object), ("restarts", RatePer.Namespace)]);
    }

    private static void Weekly(Dictionary<string, string?> s)
    {
        s[$"{W}:Name"] = "weekend";
        s[$"{W}:TimeZone"] = "Europe/Berlin";
        s[$"{W}:StartDay"] = "Friday";
        s[$"{W}:StartTime"] = "16:00";
        s[$"{W}:EndDay"] = "Monday";
        s[$"{W}:EndTime"] = "08:00";
    }

    private static IReadOnlyList<string> Failures(TestBot bot)
    {
        try
        {
            _ = bot.Services.GetRequiredService<IOptionsMonitor<PolicyOptions>>().CurrentValue;
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return ex.Failures.ToList();
        }
    }
}
