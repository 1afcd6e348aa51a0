using System.Text.Encodings.Web;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// <see cref="OperationResult"/> as an Adaptive Card (schema 1.4, the version Teams needs for <c>Action.Execute</c>).
/// Teams refuses messages over about 28 KB, so text and tables are cut to fit and a note says so. Buttons become
/// <c>Action.Execute</c> (answered in the invoke response) with an <c>Action.Submit</c> fallback for older clients;
/// a button with a confirmation opens it first as a sub-card, since cards have no confirm dialog.
/// </summary>
public static class AdaptiveCards
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Verb = "chatops.command";
    public const int MaxTextBlock = 6000;
    public const int MaxTables = 4;
    public const int MaxActions = 6;
    public const string TruncatedNote = "Output truncated to fit Teams' limits; run the command at the console or see `audit` for the full record.";

    /// <summary>Teams refuses a message over about 28 KB: a chart is embedded only when the whole message stays under it.</summary>
    public const int MaxMessageBytes = 28 * 1024;

    /// <summary>What the activity around the card adds (type, summary of at most 200 characters, attachment envelope), kept free.</summary>
    public const int EnvelopeAllowance = 1024;

    /// <summary>Teams reads JSON, not HTML: no need to escape backticks and non-ASCII text into \u sequences.</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A message activity carrying the card.</summary>
    public static JsonObject Message(OperationResult result) => Message(Render(result), Summary(result));

    public static JsonObject Message(JsonObject card, string summary) => new()
    {
        ["type"] = "message",
        ["summary"] = Cut(summary, 200),
        ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = ContentType, ["content"] = card }),
    };

    /// <summary>A text message (audit lines, incident posts): user parts escaped for Teams markdown.</summary>
    public static JsonObject Text(ChatText text) =>
        new() { ["type"] = "message", ["text"] = Cut(TeamsMarkdown.Render(text), MaxTextBlock), ["textFormat"] = "markdown" };

    public static JsonObject Render(OperationResult result, string? header = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var body = new JsonArray();
        var truncated = false;
        AddHead(body, result, header);
        if (result.RichText is { Length: > 0 } lead)
        {
            truncated |= lead.Length > MaxTextBlock;
            body.Add(TextBlock(Cut(lead, MaxTextBlock)));
        }
        if (result.Fields.Count > 0)
        {
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. result.Fields.Select(f => (JsonNode)new JsonObject { ["title"] = f.Name, ["value"] = TeamsMarkdown.NoMentions(Cut(f.Value, 1000)) })]),
            });
        }

        foreach (var table in result.Tables.Take(MaxTables))
        {
            if (table.Caption is { Length: > 0 } caption)
            {
                body.Add(TextBlock(caption, subtle: true));
            }

            var text = TextTable.Render(table);
            truncated |= text.Length > MaxTextBlock;
            var block = TextBlock(Cut(text, MaxTextBlock));
            block["fontType"] = "monospace";
            body.Add(block);
        }

        truncated |= result.Tables.Count > MaxTables || result.Buttons.Count > MaxActions;
        var imagesAt = body.Count;
        AddNotes(body, truncated);

        body.Add(TextBlock(Describe(result.Outcome), subtle: true));
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["body"] = body,
        };
        if (result.Buttons.Count > 0)
        {
            card["actions"] = new JsonArray([.. result.Buttons.Take(MaxActions).Select(Action)]);
        }

        FitImages(card, body, imagesAt, result.Images);
        return card;
    }

    private static void AddHead(JsonArray body, OperationResult result, string? header)
    {
        if (header is { Length: > 0 })
        {
            body.Add(TextBlock(header, subtle: true));
        }

        if (result.Title is { Length: > 0 } title)
        {
            var block = TextBlock(PlainText.Line(title));
            block["weight"] = "bolder";
            block["size"] = "medium";
            block["color"] = Color(result.Severity);
            body.Add(block);
        }
    }

    /// <summary>
    /// Each chart as a data-URI Image when the card with it stays within <see cref="MaxMessageBytes"/> (less the
    /// envelope), measured on the serialized card: the full picture if it fits, else its compact rendering; otherwise
    /// one line saying why it is not shown.
    /// </summary>
    private static void FitImages(JsonObject card, JsonArray body, int at, IReadOnlyList<ResultImage> images)
    {
        foreach (var image in images)
        {
            var fitting = Candidates(image).Select(content => Element(image, content))
                .FirstOrDefault(element => Encoding.UTF8.GetByteCount(card.ToJsonString(Wire)) + Encoding.UTF8.GetByteCount(element.ToJsonString(Wire)) + 1 + EnvelopeAllowance <= MaxMessageBytes);
            body.Insert(at++, fitting ?? TextBlock(TooLarge(image), subtle: true));
        }
    }

    /// <summary>The full picture first; the compact one is drawn only if asked for, when the full one did not fit.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Candidates(ResultImage image)
    {
        yield return image.Content;
        if (image.Compact is { } compact)
        {
            yield return compact.Value;
        }
    }

    private static JsonObject Element(ResultImage image, ReadOnlyMemory<byte> content) => new()
    {
        ["type"] = "Image",
        ["url"] = $"data:{image.MediaType};base64,{Convert.ToBase64String(content.Span)}",
        ["altText"] = Cut(image.AltText, 300),
    };

    /// <summary>Names the smallest rendering the answer had, since that is the one that did not fit.</summary>
    public static string TooLarge(ResultImage image) =>
        $"chart {image.FileName} not shown: at {(Candidates(image).Min(c => c.Length) + 1023) / 1024} KB it would take this card over Teams' 28 KB message limit; run the command at the console for the PNG";

    /// <summary>The command a card action carries, from <c>Action.Submit</c>'s value or <c>Action.Execute</c>'s data.</summary>
    public static JsonObject Data(string command) => new() { ["command"] = command };

    private static void AddNotes(JsonArray body, bool truncated)
    {
        if (truncated)
        {
            body.Add(TextBlock(TruncatedNote, subtle: true));
        }
    }

    internal static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static JsonNode Action(ResultButton button)
    {
        var execute = Execute(button.Label, button.Command, button.Style);
        if (button.Confirm is not { Length: > 0 } confirm)
        {
            return execute;
        }

        return new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = button.Label,
            ["card"] = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["body"] = new JsonArray(TextBlock(confirm)),
                ["actions"] = new JsonArray(Execute($"Confirm: {button.Label}", button.Command, button.Style)),
            },
        };
    }

    private static JsonObject Execute(string title, string command, ButtonStyle style)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = Verb,
            ["data"] = Data(command),
            ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = Data(command) },
        };
        if (style != ButtonStyle.Default)
        {
            action["style"] = style == ButtonStyle.Danger ? "destructive" : "positive";
        }

        return action;
    }

    private static JsonObject TextBlock(string text, bool subtle = false)
    {
        // A result mixes the bot's words with users' (titles, reasons, alert labels): whatever else it shows, it mentions nobody.
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = TeamsMarkdown.NoMentions(text), ["wrap"] = true };
        if (subtle)
        {
            block["isSubtle"] = true;
            block["size"] = "small";
        }

        return block;
    }

    private static string Summary(OperationResult result) => PlainText.Line(result.Title is { Length: > 0 } title ? title : result.Text.Split('\n')[0]);

    private static string Color(Severity severity) => severity switch
    {
        Severity.Success => "good",
        Severity.Warning => "warning",
        Severity.Danger => "attention",
        _ => "default",
    };

    private static string Describe(Outcome outcome) => outcome switch
    {
        Outcome.Succeeded => "Done",
        Outcome.AwaitingApproval => "Waiting for approval",
        Outcome.Denied => "Denied",
        Outcome.Invalid => "Not run: invalid input",
        _ => "Failed",
    };
}
