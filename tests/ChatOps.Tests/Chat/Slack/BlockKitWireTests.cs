using ChatOps.Bot.Chat.Slack;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Bot.Core;

namespace ChatOps.Tests.Chat.Slack;

/// <summary>The exact wire form of Block Kit answers, pinned so the way they are written can change and they cannot.</summary>
public sealed class BlockKitWireTests
{
    private static readonly JsonSerializerOptions Indented = new(BlockKit.Wire) { WriteIndented = true };

    public static TheoryData<string> Cases => ["rich", "private", "unshared", "ephemeral", "fifty", "fiftyone"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheAnswer_IsExactlyTheGoldenJson(string name) =>
        Normalize(Answer(name)).ShouldBe(Normalize(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Chat/Slack/Wire", name + ".json")))!));

    private static JsonNode Answer(string name) => name switch
    {
        "rich" => BlockKit.Response(Rich(), imagesShared: true),
        "private" => BlockKit.Response(Rich() with { Visibility = Visibility.Ephemeral }, imagesShared: true),
        "unshared" => BlockKit.Render(Rich()),
        "ephemeral" => BlockKit.Ephemeral("Working on `scale web 3` <now> & \"then\" (r-1)…"),
        "fifty" => BlockKit.Render(Blocks(50)),
        _ => BlockKit.Render(Blocks(51)),
    };

    /// <summary>One serializer for both sides: the comparison is of content and order, not of how a character was escaped.</summary>
    private static string Normalize(JsonNode node) => node.ToJsonString(Indented);

    private static OperationResult Rich() => new(Outcome.AwaitingApproval, "Scale `web` <prod> & \"db\" to 3 replicas?\nsecond line 😀\ttab")
    {
        Title = "Approval `needed` <now>",
        Visibility = Visibility.InChannel,
        Fields = [new("Target", "prod-eks/default"), new("Requested by", "<@U1> & co"), new("Plan", "a long value\nwith lines", Short: false), new("Expires", "12:10 UTC")],
        Tables = [new ResultTable(["NAME", "READY"], [["web-1", "1/1"], ["web-<2>", "0/1 & \"x\""]], "Pods <in> prod"), new ResultTable(["A"], [["b"]])],
        Images = [new ResultImage("cpu.png", "image/png", new byte[] { 1, 2, 3 }, "cpu chart")],
        Files = [new ResultFile("web.log", "text/plain", new byte[] { 65 }, "full log")],
        Buttons = [new("Approve", "approve r-1", ButtonStyle.Primary, "Run `scale web 3` <prod>?"), new("Deny", "deny r-1", ButtonStyle.Danger), new(new string('L', 80), "status web")],
    };

    /// <summary>A title, one section per field that is not short, and the outcome line: <paramref name="count"/> blocks.</summary>
    private static OperationResult Blocks(int count) => OperationResult.Success("body") with
    {
        Title = "Many",
        Fields = [.. Enumerable.Range(0, count - 3).Select(i => new ResultField($"f{i}", $"v{i}", Short: false))],
    };
}
