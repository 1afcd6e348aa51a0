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

    /// <param name="imagesShared">The caller uploads <see cref="OperationResult.Images"/> and <see cref="OperationResult.Files"/> as files; the answer says so.</param>
    public static JsonObject Render(OperationResult result, bool imagesShared = false)
    {
        var blocks = new List<JsonNode>();
        if (result.Title is { Length: > 0 } title)
        {
            blocks.Add(Section($"{Icon(result.Severity)} *{SlackMrkdwn.User(title)}*"));
        }

        AddSections(blocks, result.Text, MaxSectionText);

        AddFields(blocks, result.Fields);
        foreach (var table in result.Tables)
        {
            if (table.Caption is { Length: > 0 } caption)
            {
                blocks.Add(Context(Escape(caption)));
            }

            // Code fences take 6 characters (and a newline) of each section's 3,000.
            AddSections(blocks, TextTable.Render(table), MaxSectionText - 8, "```\n", "```");
        }

        if (result.Images.Count > 0)
        {
            blocks.Add(Context(!imagesShared ? ImagesNotShownNote
                : result.Visibility == Visibility.InChannel ? ImagesSharedNote : ImagesSentPrivatelyNote));
        }

        foreach (var file in result.Files)
        {
            blocks.Add(Context(Escape(FileNote(file, imagesShared, result.Visibility))));
        }

        for (var i = 0; i < result.Buttons.Count; i += MaxButtonsPerBlock)
        {
            blocks.Add(Actions(result.Buttons.Skip(i).Take(MaxButtonsPerBlock), i));
        }

        blocks.Add(Context($"{Icon(result.Severity)} {Describe(result.Outcome)}"));
        blocks = Limit(blocks);
        return new JsonObject
        {
            ["text"] = Fallback(result),
            ["blocks"] = new JsonArray([.. blocks]),
        };
    }

    /// <summary>A slash-command or <c>response_url</c> answer: who sees it follows <see cref="OperationResult.Visibility"/>.</summary>
    public static JsonObject Response(OperationResult result, bool imagesShared = false)
    {
        var message = Render(result, imagesShared);
        message["response_type"] = result.Visibility == Visibility.InChannel ? "in_channel" : "ephemeral";
        return message;
    }

    /// <summary>A short text-only answer that only the requester sees.</summary>
    public static JsonObject Ephemeral(string text) => new()
    {
        ["response_type"] = "ephemeral",
        ["text"] = Escape(text),
    };

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

    public static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = Mrkdwn(mrkdwn),
    };

    public static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Mrkdwn(Cut(mrkdwn, MaxSectionText))),
    };

    private static void AddFields(List<JsonNode> blocks, IReadOnlyList<ResultField> fields)
    {
        var pending = new JsonArray();
        foreach (var field in fields)
        {
            var text = Cut($"*{Escape(field.Name)}*\n{Escape(field.Value)}", MaxFieldText);
            if (!field.Short)
            {
                Flush(blocks, ref pending);
                blocks.Add(Section(Cut(text, MaxSectionText)));
                continue;
            }

            pending.Add(Mrkdwn(text));
            if (pending.Count == 10)
            {
                Flush(blocks, ref pending);
            }
        }

        Flush(blocks, ref pending);
    }

    private static void Flush(List<JsonNode> blocks, ref JsonArray pending)
    {
        if (pending.Count > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = pending });
            pending = [];
        }
    }

    private static JsonObject Actions(IEnumerable<ResultButton> buttons, int offset)
    {
        var elements = new JsonArray();
        foreach (var (button, i) in buttons.Select((b, i) => (b, i)))
        {
            var element = new JsonObject
            {
                ["type"] = "button",
                ["text"] = Plain(button.Label, 75),
                ["action_id"] = $"chatops-{offset + i}",
                ["value"] = Cut(button.Command, 2000),
            };
            if (button.Style != ButtonStyle.Default)
            {
                element["style"] = button.Style == ButtonStyle.Danger ? "danger" : "primary";
            }

            // Dangerous buttons always ask first, even when the result did not phrase a question.
            if (button.Confirm is not null || button.Style == ButtonStyle.Danger)
            {
                element["confirm"] = new JsonObject
                {
                    ["title"] = Plain("Are you sure?", 100),
                    ["text"] = Mrkdwn(Cut(Escape(button.Confirm ?? $"Run `{button.Command}`?"), 300)),
                    ["confirm"] = Plain(button.Label, 30),
                    ["deny"] = Plain("Cancel", 30),
                };
            }

            elements.Add(element);
        }

        return new JsonObject { ["type"] = "actions", ["elements"] = elements };
    }

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject Plain(string text, int max) => new() { ["type"] = "plain_text", ["text"] = Cut(text, max), ["emoji"] = true };

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
