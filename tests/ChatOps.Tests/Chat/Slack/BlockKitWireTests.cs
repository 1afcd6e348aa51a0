using ChatOps.Bot.Chat.Slack;
using System.Buffers;
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
        Normalize(Answer(name)).ShouldBe(Normalize(Golden(name)));

    /// <summary>A slash command's answer goes onto the response from the writer, not through the tree the other cases read.</summary>
    [Theory]
    [InlineData("rich")]
    [InlineData("private")]
    [InlineData("ephemeral")]
    public void TheReplyWrittenOntoTheResponse_IsExactlyTheGoldenJson(string name)
    {
        var reply = name switch
        {
            "rich" => SlackReply.Of(Rich(), imagesShared: true),
            "private" => SlackReply.Of(Rich() with { Visibility = Visibility.Ephemeral }, imagesShared: true),
            _ => SlackReply.Ephemeral(EphemeralText),
        };
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, BlockKit.WriterOptions))
        {
            reply.WriteTo(writer);
        }

        Normalize(JsonNode.Parse(buffer.WrittenSpan)!).ShouldBe(Normalize(Golden(name)));
        Normalize(reply.ToJson()).ShouldBe(Normalize(Golden(name)));
    }

    private static JsonNode Golden(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Chat/Slack/Wire", name + ".json")))!;

    private static JsonNode Answer(string name) => name switch
    {
        "rich" => BlockKit.Response(Rich(), imagesShared: true),
        "private" => BlockKit.Response(Rich() with { Visibility = Visibility.Ephemeral }, imagesShared: true),
        "unshared" => BlockKit.Render(Rich()),
        "ephemeral" => BlockKit.Ephemeral(EphemeralText),
        "fifty" => BlockKit.Render(Blocks(50)),
        _ => BlockKit.Render(Blocks(51)),
    };

    /// <summary>One serializer for both sides: the comparison is of content and order, not of how a character was escaped.</summary>
    private static string Normalize(JsonNode node) => node.ToJsonString(Indented);

    private const string EphemeralText = "Working on `scale web 3` <now> & \"then\" (r-1)…";

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
