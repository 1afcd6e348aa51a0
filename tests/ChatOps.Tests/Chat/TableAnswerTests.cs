using ChatOps.Bot.Chat.Console;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Core;
using ChatOps.Bot.Core.Text;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Bot.Features.Queues;
using ChatOps.Tests.Fakes;
using ChatOps.Tests.Features.Databases;
using ChatOps.Tests.Features.Queues;
using ChatOps.Tests.Features.Silences;

namespace ChatOps.Tests.Chat;

/// <summary>
/// An answer with a table is read at the console as text and on a card as structure: the console must show the whole
/// table, and a card must show it once, not once in the text and again as the table.
/// </summary>
public sealed class TableAnswerTests
{
    [Theory]
    [InlineData("status web --cluster staging")]
    [InlineData("pods web --cluster staging")]
    [InlineData("events web --cluster staging")]
    [InlineData("describe pod web-3-fghij --cluster staging")]
    [InlineData("rollout history deploy/web --cluster staging")]
    [InlineData("health web --cluster staging")]
    [InlineData("audit --last 5")]
    public async Task ATable_IsWholeAtTheConsole_AndShownOnceOnSlackAndTeams(string command)
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "help");
        var pod = new ObjectRef("Pod", "web-3-fghij");
        bot.Kube.Events.AddRange(
        [
            new("Warning", "BackOff", pod, "Back-off restarting failed container <app> & co", 4, Now.AddMinutes(-9), Now.AddMinutes(-2)),
            new("Normal", "Pulled", new ObjectRef("Pod", "web-3-abcde"), "Successfully pulled image", 1, Now.AddMinutes(-50), Now.AddMinutes(-50)),
        ]);
        bot.Kube.Proxied = new(200, "application/json", """{"status":"UP","components":{"db":{"status":"UP"},"ping":{"status":"UP"}}}""", false, TimeSpan.FromMilliseconds(4));

        ShownOnce(await bot.RunAsync("alice", command));
    }

    [Fact]
    public async Task AStatusCard_SaysWhatItsFieldsDoNot_TheRolloutsProgressAndAPause()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Statuses.Enqueue(FakeKubernetes.Deployment(updated: 1, available: 1) with { Paused = true });

        var result = await bot.RunAsync("alice", "status web --cluster staging");

        result.Summary.ShouldNotBeNull();
        result.Summary.Split('\n').ShouldBe([result.Text.Split('\n')[2], "PAUSED"]);
        result.Text.ShouldContain("; PAUSED");
        result.Fields.Select(f => f.Name).ShouldBe(["Replicas", "Revision", "Images", "Conditions", "HPA"]);
    }

    [Fact]
    public async Task QueuesSessionsSilencesAndIncidents_AreShownOnceToo()
    {
        await using var queues = QueueBots.Create();
        queues.Queues.Add("rabbit", new QueueStats("orders", 1500, 1490, 10, 3, 12.5, 11));
        await using var databases = DbBots.Create();
        databases.Databases.Add(1371, TimeSpan.FromMinutes(12), user: "app_user");
        await using var silences = SilenceBots.Create();
        (await silences.RunAsync("alice", "silence HighErrorRate --for 2h")).Outcome.ShouldBe(Outcome.Succeeded);
        await using var incidents = TestBot.Create();
        (await incidents.RunAsync("alice", "incident declare P2 checkout <errors> & timeouts")).Outcome.ShouldBe(Outcome.Succeeded);

        ShownOnce(await queues.RunAsync("carol", "queue list"));
        ShownOnce(await databases.RunAsync("carol", "db queries"));
        ShownOnce(await silences.RunAsync("carol", "silence list"));
        ShownOnce(await incidents.RunAsync("carol", "incident list"));
    }

    private static void ShownOnce(OperationResult result)
    {
        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        var table = result.Tables.ShouldHaveSingleItem();
        var rendered = TextTable.Render(table);
        ConsoleRenderer.Render(result).ShouldContain(PlainText.Terminal(rendered));
        result.Summary.ShouldNotBeNull();
        result.RichText.ShouldNotContain(rendered);
        foreach (var line in rendered.Split('\n'))
        {
            BlockKit.Render(result).ToJsonString(BlockKit.Wire).Split(Json(BlockKit.Escape(line))).Length.ShouldBe(2, $"Slack: {line}");
            AdaptiveCards.Render(result).ToJsonString(AdaptiveCards.Wire).Split(Json(line)).Length.ShouldBe(2, $"Teams: {line}");
        }
    }

    private static readonly DateTimeOffset Now = TestClock.Epoch;

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text, BlockKit.Wire)[1..^1];
}
