using ChatOps.Bot.Core;
using ChatOps.Bot.Parsing;

namespace ChatOps.Tests.Features.Databases;

/// <summary>
/// Name-mapping audit: a user-given name reaches a server object only as exactly that object. Kubernetes names
/// are DNS-1123 before they can reach an API URL; <c>--db</c> only ever selects a configured target.
/// </summary>
[Trait("Category", "Adversarial")]
public sealed class NameMappingTests
{
    [Theory]
    [InlineData("..")]
    [InlineData("web/../kube-system")]
    [InlineData("web%2Fscale")]
    [InlineData("web/scale")]
    [InlineData("a..b")]
    [InlineData(".web")]
    [InlineData("web?dryRun=All")]
    [InlineData("Web")]
    [InlineData("web\u0000")]
    public void KubernetesNames_ThatCouldChangeTheUrl_AreNotNames(string crafted)
    {
        Names.IsDns1123Subdomain(crafted).ShouldBeFalse();
        Names.IsDns1123Label(crafted).ShouldBeFalse();
    }

    [Theory]
    [InlineData("coredb;Host=evil")]
    [InlineData("Host=evil;Database=coredb")]
    [InlineData("../coredb")]
    [InlineData("coredb%00")]
    [InlineData("postgresql://evil/coredb")]
    public async Task DbFlag_ThatIsNotAConfiguredTarget_IsRefused_AndNothingIsRead(string crafted)
    {
        await using var bot = DbBots.Create();
        bot.Databases.Add(4242, TimeSpan.FromMinutes(12));
        bot.Databases.Unavailable = new InvalidOperationException("the port must not be reached");

        var result = await bot.RunAsync("alice", $"db queries --db={crafted}");

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.Split('\n')[0].ShouldNotContain("must not be reached");
    }
}
