using System.Text.Json.Nodes;
using ChatOps.Bot.Commands;
using ChatOps.Bot.Hosting;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Docs;

public sealed class TeamsManifestTests
{
    private static readonly JsonNode Manifest =
        JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "manifests", "teams", "manifest.json")))!;

    [Fact]
    public void CommandList_NamesEveryCommandOfTheGrammarRegistry_WithinTeamsLimits()
    {
        using var services = new ServiceCollection().AddLogging().AddChatOpsCore(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var registry = services.GetRequiredService<CommandRegistry>();
        var expected = registry.Commands.Where(c => c.AliasOf is null && c.MenuUnder is null)
            .Select(c => c.Path[0]).Distinct().Order(StringComparer.Ordinal).ToList();

        var commands = Manifest["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray();

        commands.Select(c => c!["title"]!.GetValue<string>()).Order(StringComparer.Ordinal).ShouldBe(expected);

        // A command listed under another entry must be named in that entry, or nobody finds it in the menu.
        foreach (var shared in registry.Commands.Where(c => c.MenuUnder is not null))
        {
            var entry = commands.Single(c => c!["title"]!.GetValue<string>() == shared.MenuUnder);
            entry!["description"]!.GetValue<string>().ShouldContain(shared.Path[0]);
        }

        commands.Count.ShouldBeLessThanOrEqualTo(10, "Teams shows at most 10 commands per list");
        commands.ShouldAllBe(c => c!["title"]!.GetValue<string>().Length <= 32 && c["description"]!.GetValue<string>().Length <= 128);
    }

    [Fact]
    public void Bot_IsAPlaceholder_InEveryScope()
    {
        var bot = Manifest["bots"]![0]!;

        bot["botId"]!.GetValue<string>().ShouldBe("{{BOT_APP_ID}}");
        bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["personal", "team", "groupChat"]);
    }
}
