namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// The one way an answer becomes Block Kit: written from the result straight to UTF-8 JSON. A slash command's answer
/// goes from here onto the response; the calls that add to a message (a thread, a replaced card) read it back as a tree.
/// </summary>
public static partial class BlockKit
{
    /// <param name="responseType">The <c>response_type</c> of a slash-command answer; null for a posted message.</param>
    public static void Write(Utf8JsonWriter writer, OperationResult result, bool imagesShared, string? responseType)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        using var text = new PooledText();
        writer.WriteStartObject();
        WriteFallback(writer, result, text);
        writer.WriteStartArray("blocks");
        using (var blocks = new BlockSink(writer, text))
        {
            WriteBlocks(blocks, result, imagesShared);
            blocks.Finish();
        }

        writer.WriteEndArray();
        if (responseType is not null)
        {
            writer.WriteString("response_type", responseType);
        }

        writer.WriteEndObject();
    }

    /// <summary>A short text-only answer that only the requester sees.</summary>
    public static void WriteEphemeral(Utf8JsonWriter writer, string text)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var escaped = new PooledText();
        writer.WriteStartObject();
        writer.WriteString("response_type", "ephemeral");
        JsonStringWriter.Write(writer, "text", escaped.AppendEscaped(text).Span);
        writer.WriteEndObject();
    }

    /// <summary>Code fences take 6 characters (and a newline) of each section's 3,000.</summary>
    private const int TableSectionText = MaxSectionText - 8;

    /// <summary>The last line of every answer, per severity and outcome: written on every answer, built once.</summary>
    private static readonly string[,] OutcomeLines = OutcomeLinesOf();

    public static string ResponseType(OperationResult result) =>
        result.Visibility == Visibility.InChannel ? "in_channel" : "ephemeral";

    private static string[,] OutcomeLinesOf()
    {
        var lines = new string[Enum.GetValues<Severity>().Length, Enum.GetValues<Outcome>().Length];
        foreach (var severity in Enum.GetValues<Severity>())
        {
            foreach (var outcome in Enum.GetValues<Outcome>())
            {
                lines[(int)severity, (int)outcome] = $"{Icon(severity)} {Describe(outcome)}";
            }
        }

        return lines;
    }

    private static void WriteBlocks(BlockSink blocks, OperationResult result, bool imagesShared)
    {
        if (result.Title is { Length: > 0 } title)
        {
            blocks.Section($"{Icon(result.Severity)} *{SlackMrkdwn.User(title)}*");
        }

        blocks.Sections(result.RichText);
        blocks.Fields(result.Fields);
        foreach (var table in result.Tables)
        {
            if (table.Caption is { Length: > 0 } caption)
            {
                blocks.Context(Escape(caption));
            }

            blocks.Table(table);
        }

        if (result.Images.Count > 0)
        {
            blocks.Context(!imagesShared ? ImagesNotShownNote
                : result.Visibility == Visibility.InChannel ? ImagesSharedNote : ImagesSentPrivatelyNote);
        }

        foreach (var file in result.Files)
        {
            blocks.Context(Escape(FileNote(file, imagesShared, result.Visibility)));
        }

        for (var i = 0; i < result.Buttons.Count; i += MaxButtonsPerBlock)
        {
            blocks.Actions(result.Buttons, i);
        }

        blocks.Outcome(result);
    }

    /// <summary>
    /// The notification text: title and the text shown with the structure, escaped and cut as <see cref="Cut"/> would cut them, escaped only as far
    /// as the cut can look (an entity is at most five characters).
    /// </summary>
    private static void WriteFallback(Utf8JsonWriter writer, OperationResult result, PooledText text)
    {
        const int Enough = MaxSectionText + 5;
        text.Clear();
        // Stopping short of the end means more than 3,000 were written: the cut below then drops the rest.
        var body = result.RichText;
        _ = (result.Title is not { Length: > 0 } title || text.TryAppendEscaped(title, Enough) && (body.Length == 0 || text.TryAppendEscaped(": ", Enough)))
            && text.TryAppendEscaped(body, Enough);
        JsonStringWriter.Write(writer, "text", text.Cut(MaxSectionText).Span);
    }
}
