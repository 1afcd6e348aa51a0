using System.Buffers;
using System.Text.Encodings.Web;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// <see cref="OperationResult"/> as a Block Kit message. Slack rejects a message that breaks a limit (3,000 characters
/// per section, 10 fields, 25 buttons, 50 blocks), so every part is cut to fit and a note says so: long output
/// is truncated, never an API error that would lose the whole answer.
/// </summary>
public static partial class BlockKit
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxFieldText = 2000;
    public const int MaxButtonsPerBlock = 25;
    public const string TruncatedNote = "output truncated to fit Slack's limits; run the command at the console or see `audit` for the full record";

    /// <summary>Where the answer's charts went: uploaded after it (<see cref="SlackAttachments"/>) for commands and mentions.</summary>
    public const string ImagesSharedNote = "chart: uploaded to this conversation as a PNG file (it follows this answer)";

    /// <summary>
    /// Where a private answer's charts went: a file shared into a channel is seen by everyone in it, so the chart of an
    /// answer only the requester sees goes to the requester's direct messages with the bot.
    /// </summary>
    public const string ImagesSentPrivatelyNote = "chart: sent to you as a PNG file in a direct message from the bot (this answer is private)";

    /// <summary>An answer whose charts are not uploaded (a button's answer replacing a card): the text stands alone.</summary>
    public const string ImagesNotShownNote = "chart not attached here: type the command (or mention the bot) to get the PNG";

    /// <summary>Where a file of the answer went (the full log a cut <c>logs</c> answer attaches), said as the chart notes say it.</summary>
    public static string FileNote(ResultFile file, bool shared, Visibility visibility) =>
        !shared ? $"{file.Description} not attached here: type the command (or mention the bot) to get {file.FileName}"
        : visibility == Visibility.InChannel ? $"{file.Description} attached as {file.FileName} (it follows this answer)"
        : $"{file.Description} attached as {file.FileName}, sent to you in a direct message from the bot (this answer is private)";

    /// <summary>Slack reads JSON, not HTML: no need to escape backticks and non-ASCII text into \u sequences.</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The options every answer is written with: <see cref="Wire"/>'s escaping.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Wire.Encoder };

    /// <summary>The answer as a tree, for a message the caller adds to (a thread, a replaced card).</summary>
    /// <param name="imagesShared">The caller uploads <see cref="OperationResult.Images"/> and <see cref="OperationResult.Files"/> as files; the answer says so.</param>
    public static JsonObject Render(OperationResult result, bool imagesShared = false) =>
        Tree(writer => Write(writer, result, imagesShared, responseType: null));

    /// <summary>A slash-command or <c>response_url</c> answer: who sees it follows <see cref="OperationResult.Visibility"/>.</summary>
    public static JsonObject Response(OperationResult result, bool imagesShared = false) =>
        Tree(writer => Write(writer, result, imagesShared, ResponseType(result)));

    /// <summary>A short text-only answer that only the requester sees.</summary>
    public static JsonObject Ephemeral(string text) => Tree(writer => WriteEphemeral(writer, text));

    /// <summary>Keeps at most 50 blocks; the last one then says the answer was cut.</summary>
    public static List<JsonNode> Limit(List<JsonNode> blocks)
    {
        if (blocks.Count <= MaxBlocks)
        {
            return blocks;
        }

        var kept = blocks.Take(MaxBlocks - 1).ToList();
        kept.Add(Context($":scissors: {blocks.Count - kept.Count} more blocks: {TruncatedNote}"));
        return kept;
    }

    public static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Mrkdwn(Cut(mrkdwn, MaxSectionText))),
    };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// <summary>Written as on the wire, then read back: there is one way an answer is built.</summary>
    private static JsonObject Tree(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    private static string Icon(Severity severity) => severity switch
    {
        Severity.Success => ":white_check_mark:",
        Severity.Warning => ":warning:",
        Severity.Danger => ":x:",
        _ => ":information_source:",
    };

    private static string Describe(Outcome outcome) => outcome switch
    {
        Outcome.Succeeded => "done",
        Outcome.AwaitingApproval => "awaiting approval",
        Outcome.Denied => "denied",
        Outcome.Invalid => "invalid",
        _ => "failed",
    };
}
