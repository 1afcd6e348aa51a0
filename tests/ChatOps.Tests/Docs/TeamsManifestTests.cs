using System.Text.Json.Nodes;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Parsing;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Docs;

public sealed class TeamsManifestTests
{
    private static readonly JsonNode Manifest =
        JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "manifests", "teams", "manifest.json")))!;

    /// <summary>
    /// Teams shows at most 10 commands per list, and the registry has more top-level words than that. approve and
    /// deny are left out: every approval request reaches its approvers as a card with Approve / Deny buttons, and
    /// typing them still works; the menu is for commands people start from nothing.
    /// </summary>
    private static readonly string[] ButtonsOnly = ["approve", "deny"];

    /// <summary>
    /// kubectl's own spellings (<c>set image</c>, <c>delete pod</c>, and the investigation commands <c>pods</c>,
    /// <c>describe</c>, <c>events</c>, <c>logs</c>, <c>health</c> and <c>metrics</c> of issue 14), typed from the runbooks rather than picked from a menu, and
    /// <c>silence</c>, typed with an alert's name from its card; with the ten-command cap they are left out of the
    /// menu, and <c>help</c> lists them. <c>policy test</c> wraps another command line, so it is typed too.
    /// </summary>
    private static readonly string[] TypedOnly = ["delete", "set", "pods", "describe", "events", "logs", "health", "metrics", "silence", "policy", "elevate"];

    [Fact]
    public void CommandList_NamesEveryCommandOfTheGrammarRegistry_ButTheApprovalButtons_WithinTeamsLimits()
    {
        using var services = new ServiceCollection().AddLogging().AddChatOpsCore(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var registry = services.GetRequiredService<CommandRegistry>();
        var expected = registry.Commands.Where(c => c.AliasOf is null).Select(c => c.Path[0]).Distinct()
            .Except(ButtonsOnly).Except(TypedOnly).Order(StringComparer.Ordinal).ToList();

        var commands = Manifest["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray();

        ButtonsOnly.ShouldAllBe(b => registry.Commands.Any(c => c.AliasOf == null && c.Path[0] == b), "ButtonsOnly must name real commands");
        commands.Select(c => c!["title"]!.GetValue<string>()).Order(StringComparer.Ordinal).ShouldBe(expected);

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
