using System.Text.Json;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Core;

namespace ChatOps.Tests.Chat.Teams;

public sealed class AdaptiveCardsTests
{
    [Fact]
    public void Render_ShowsTitleTextFieldsTablesAndOutcome()
    {
        var result = OperationResult.Success("3 → 5 replicas") with
        {
            Title = "Scaled urbanos-service-billing",
            Fields = [new ResultField("Namespace", "urbanos")],
            Tables = [new ResultTable(["POD", "PHASE"], [["billing-1", "Running"]], "Pods")],
        };

        var card = AdaptiveCards.Render(result).ToJsonString();

        card.ShouldContain("\"version\":\"1.4\"");
        card.ShouldContain("Scaled urbanos-service-billing");
        card.ShouldContain("\"color\":\"good\"");
        card.ShouldContain("\"FactSet\"");
        card.ShouldContain("billing-1");
        card.ShouldContain("monospace");
        card.ShouldContain("Done");
    }

    [Fact]
    public void ASummary_StandsInForTheText_AndAnEmptyOneAddsNoBlock()
    {
        var table = new ResultTable(["POD"], [["billing-1"]]);
        var full = OperationResult.Success("1 pod\nPOD\nbilling-1") with { Title = "Pods", Tables = [table] };

        var summarised = Texts(AdaptiveCards.Render(full with { Summary = "1 pod" }));
        var empty = Texts(AdaptiveCards.Render(full with { Summary = string.Empty }));

        summarised.ShouldBe(["Pods", "1 pod", "POD\nbilling-1", "Done"], ignoreOrder: false);
        empty.ShouldBe(["Pods", "POD\nbilling-1", "Done"], ignoreOrder: false);
    }

    private static List<string> Texts(System.Text.Json.Nodes.JsonObject card) =>
        [.. card["body"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "TextBlock").Select(b => b!["text"]!.GetValue<string>().TrimEnd())];

    [Fact]
    public void Buttons_AreActionExecute_WithSubmitFallback_AndConfirmAsASubCard()
    {
        var result = new OperationResult(Outcome.AwaitingApproval, "needs approval")
        {
            Buttons = [new ResultButton("Approve", "approve r-1", ButtonStyle.Primary), new ResultButton("Deny", "deny r-1", ButtonStyle.Danger, "Really deny?")],
        };

        var actions = AdaptiveCards.Render(result)["actions"]!.AsArray();

        actions[0]!["type"]!.GetValue<string>().ShouldBe("Action.Execute");
        actions[0]!["verb"]!.GetValue<string>().ShouldBe(AdaptiveCards.Verb);
        actions[0]!["data"]!["command"]!.GetValue<string>().ShouldBe("approve r-1");
        actions[0]!["style"]!.GetValue<string>().ShouldBe("positive");
        actions[0]!["fallback"]!["type"]!.GetValue<string>().ShouldBe("Action.Submit");
        actions[1]!["type"]!.GetValue<string>().ShouldBe("Action.ShowCard");
        actions[1]!["card"]!.ToJsonString().ShouldContain("Really deny?");
        actions[1]!["card"]!["actions"]![0]!["data"]!["command"]!.GetValue<string>().ShouldBe("deny r-1");
    }

    [Fact]
    public void LongOutput_IsCut_WithANote_NeverAnOversizedMessage()
    {
        var result = OperationResult.Success(new string('x', 50_000)) with
        {
            Tables = [.. Enumerable.Range(0, 10).Select(_ => new ResultTable(["A"], [.. Enumerable.Range(0, 2000).Select(i => (IReadOnlyList<string>)[$"row {i}"])]))],
        };

        var message = AdaptiveCards.Message(result).ToJsonString(AdaptiveCards.Wire);

        message.Length.ShouldBeLessThan(28_000 * 2);
        message.ShouldContain("truncated");
    }

    [Fact]
    public void Message_IsAnAdaptiveCardAttachment()
    {
        var message = AdaptiveCards.Message(OperationResult.Denied("no"));

        message["type"]!.GetValue<string>().ShouldBe("message");
        message["attachments"]![0]!["contentType"]!.GetValue<string>().ShouldBe("application/vnd.microsoft.card.adaptive");
    }

    [Theory]
    [InlineData("<at>ChatOps</at> rollout undo billing -n urbanos", "rollout undo billing -n urbanos")]
    [InlineData("<at>ChatOps</at>&nbsp;scale x 3", "scale x 3")]
    [InlineData("incident declare P1 db down --commander <at>Bob</at>", "incident declare P1 db down --commander  @{teams:29:bob}")]
    [InlineData("incident declare P1 db down --lead <at>Nobody</at>", "incident declare P1 db down --lead Nobody")]
    [InlineData("<p><at>ChatOps</at> status x &amp;</p>", "status x &")]
    public void Command_StripsOnlyTheBotsMention_AndTurnsPeoplesMentionsIntoIds(string text, string expected)
    {
        var json = $$$"""
            {"type":"message","text":{{{JsonSerializer.Serialize(text)}}},"recipient":{"id":"28:bot"},
             "entities":[{"type":"mention","text":"<at>ChatOps</at>","mentioned":{"id":"28:bot"}},
                         {"type":"mention","text":"<at>Bob</at>","mentioned":{"id":"29:bob"}}]}
            """;

        TeamsText.Command(TeamsActivity.Parse(json)!).ShouldBe(expected);
    }

    [Theory]
    [Trait("Category", "Adversarial")]
    [InlineData("\"aadObjectId\":\"6F1C0C52-8A9B-4C3E-9D0F-1A2B3C4D5E6F\",\"id\":\"29:1xyz\"")]
    [InlineData("\"id\":\"8:orgid:6f1c0c52-8a9b-4c3e-9d0f-1a2b3c4d5e6f\"")]
    [InlineData("\"id\":\"6f1c0c52-8a9b-4c3e-9d0f-1a2b3c4d5e6f\"")]
    public void APersonsMention_BecomesTheirAadObjectId_WithTheNameTeamsGave(string mentioned)
    {
        var json = $$$"""
            {"type":"message","text":"<at>ChatOps</at> incident commander <at>Bob Smith</at>","recipient":{"id":"28:bot"},
             "entities":[{"type":"mention","text":"<at>ChatOps</at>","mentioned":{"id":"28:bot","name":"ChatOps"}},
                         {"type":"mention","text":"<at>Bob Smith</at>","mentioned":{{{{mentioned}}},"name":"Bob Smith"}}]}
            """;
        var activity = TeamsActivity.Parse(json)!;

        TeamsText.Command(activity).ShouldBe("incident commander  @{teams:6f1c0c52-8a9b-4c3e-9d0f-1a2b3c4d5e6f}");
        TeamsText.MentionNames(activity).ShouldBe(new Dictionary<string, string> { ["teams:6f1c0c52-8a9b-4c3e-9d0f-1a2b3c4d5e6f"] = "Bob Smith" });
    }
}
