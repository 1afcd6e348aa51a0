using System.Buffers;

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
        writer.WriteString("text", escaped.AppendEscaped(text).Span);
        writer.WriteEndObject();
    }

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

        blocks.Sections(result.Text, MaxSectionText);
        blocks.Fields(result.Fields);
        foreach (var table in result.Tables)
        {
            if (table.Caption is { Length: > 0 } caption)
            {
                blocks.Context(Escape(caption));
            }

            // Code fences take 6 characters (and a newline) of each section's 3,000.
            blocks.Sections(TextTable.Render(table), MaxSectionText - 8, "```\n", "```");
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
    /// The notification text: title and text, escaped and cut as <see cref="Cut"/> would cut them, escaped only as far
    /// as the cut can look (an entity is at most five characters).
    /// </summary>
    private static void WriteFallback(Utf8JsonWriter writer, OperationResult result, PooledText text)
    {
        const int Enough = MaxSectionText + 5;
        text.Clear();
        // Stopping short of the end means more than 3,000 were written: the cut below then drops the rest.
        _ = (result.Title is not { Length: > 0 } title || text.TryAppendEscaped(title, Enough) && text.TryAppendEscaped(": ", Enough))
            && text.TryAppendEscaped(result.Text, Enough);
        writer.WriteString("text", text.Cut(MaxSectionText).Span);
    }

    /// <summary>
    /// The blocks of one answer, written as they come until Slack's 50: the 50th is held aside until it is known to be
    /// the last; past it blocks are only counted, and the 50th gives its place to a note of how many were cut.
    /// </summary>
    private sealed class BlockSink(Utf8JsonWriter writer, PooledText text) : IDisposable
    {
        private ArrayBufferWriter<byte>? _held;
        private Utf8JsonWriter? _heldWriter;
        private int _count;

        /// <summary>Where the next block goes; null when it is past the limit and only counted.</summary>
        private Utf8JsonWriter? Next()
        {
            _count++;
            if (_count < MaxBlocks)
            {
                return writer;
            }

            if (_count > MaxBlocks)
            {
                return null;
            }

            _held = new ArrayBufferWriter<byte>();
            _heldWriter = new Utf8JsonWriter(_held, WriterOptions);
            return _heldWriter;
        }

        public void Section(ReadOnlySpan<char> mrkdwn)
        {
            if (Next() is not { } w)
            {
                return;
            }

            w.WriteStartObject();
            w.WriteString("type", "section");
            w.WritePropertyName("text");
            Mrkdwn(w, mrkdwn);
            w.WriteEndObject();
        }

        /// <summary>One section per piece of <paramref name="body"/>, escaped, split as <see cref="Chunks"/> splits it and wrapped in <paramref name="prefix"/> and <paramref name="suffix"/>.</summary>
        public void Sections(string body, int max, string prefix = "", string suffix = "")
        {
            if (body.AsSpan().IndexOfAny('&', '<', '>') < 0)
            {
                SectionsOf(body, max, prefix, suffix);
                return;
            }

            using var escaped = new PooledText();
            SectionsOf(escaped.AppendEscaped(body).Span, max, prefix, suffix);
        }

        public void Context(ReadOnlySpan<char> mrkdwn)
        {
            if (Next() is { } w)
            {
                WriteContext(w, mrkdwn.Length <= MaxSectionText ? mrkdwn : text.Clear().Append(mrkdwn).Cut(MaxSectionText).Span);
            }
        }

        public void Outcome(OperationResult result) => Context(OutcomeLines[(int)result.Severity, (int)result.Outcome]);

        /// <summary>Short fields share a section, ten at most; a long one is a section of its own.</summary>
        public void Fields(IReadOnlyList<ResultField> fields)
        {
            var i = 0;
            while (i < fields.Count)
            {
                if (!fields[i].Short)
                {
                    Section(FieldText(fields[i++]));
                    continue;
                }

                var end = i;
                while (end < fields.Count && fields[end].Short && end - i < 10)
                {
                    end++;
                }

                if (Next() is { } w)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "section");
                    w.WriteStartArray("fields");
                    for (var k = i; k < end; k++)
                    {
                        Mrkdwn(w, FieldText(fields[k]));
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                i = end;
            }
        }

        public void Actions(IReadOnlyList<ResultButton> buttons, int offset)
        {
            if (Next() is not { } w)
            {
                return;
            }

            w.WriteStartObject();
            w.WriteString("type", "actions");
            w.WriteStartArray("elements");
            for (var i = offset; i < Math.Min(buttons.Count, offset + MaxButtonsPerBlock); i++)
            {
                Button(w, buttons[i], $"chatops-{i}");
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        private void SectionsOf(ReadOnlySpan<char> escaped, int max, string prefix, string suffix)
        {
            foreach (var piece in Pieces(escaped, max))
            {
                Section(prefix.Length == 0 && suffix.Length == 0 ? escaped[piece] : text.Clear().Append(prefix).Append(escaped[piece]).Append(suffix).Span);
            }
        }

        /// <summary>Writes the held 50th block, or in its place how many blocks were cut.</summary>
        public void Finish()
        {
            if (_count == MaxBlocks)
            {
                _heldWriter!.Flush();
                writer.WriteRawValue(_held!.WrittenSpan, skipInputValidation: true);
            }
            else if (_count > MaxBlocks)
            {
                WriteContext(writer, $":scissors: {_count - (MaxBlocks - 1)} more blocks: {TruncatedNote}");
            }
        }

        public void Dispose() => _heldWriter?.Dispose();

        private ReadOnlySpan<char> FieldText(ResultField field) =>
            text.Clear().Append("*").AppendEscaped(field.Name).Append("*\n").AppendEscaped(field.Value).Cut(MaxFieldText).Span;

        private void Button(Utf8JsonWriter w, ResultButton button, string actionId)
        {
            w.WriteStartObject();
            w.WriteString("type", "button");
            w.WritePropertyName("text");
            Plain(w, button.Label, 75);
            w.WriteString("action_id", actionId);
            w.WriteString("value", Cut(button.Command, 2000));
            if (button.Style != ButtonStyle.Default)
            {
                w.WriteString("style", button.Style == ButtonStyle.Danger ? "danger" : "primary");
            }

            // Dangerous buttons always ask first, even when the result did not phrase a question.
            if (button.Confirm is not null || button.Style == ButtonStyle.Danger)
            {
                w.WriteStartObject("confirm");
                w.WritePropertyName("title");
                Plain(w, "Are you sure?", 100);
                w.WritePropertyName("text");
                Mrkdwn(w, text.Clear().AppendEscaped(button.Confirm ?? $"Run `{button.Command}`?").Cut(300).Span);
                w.WritePropertyName("confirm");
                Plain(w, button.Label, 30);
                w.WritePropertyName("deny");
                Plain(w, "Cancel", 30);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        private static void WriteContext(Utf8JsonWriter w, ReadOnlySpan<char> mrkdwn)
        {
            w.WriteStartObject();
            w.WriteString("type", "context");
            w.WriteStartArray("elements");
            Mrkdwn(w, mrkdwn);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void Mrkdwn(Utf8JsonWriter w, ReadOnlySpan<char> mrkdwn)
        {
            w.WriteStartObject();
            w.WriteString("type", "mrkdwn");
            w.WriteString("text", mrkdwn);
            w.WriteEndObject();
        }

        private static void Plain(Utf8JsonWriter w, string plain, int max)
        {
            w.WriteStartObject();
            w.WriteString("type", "plain_text");
            w.WriteString("text", Cut(plain, max));
            w.WriteBoolean("emoji", true);
            w.WriteEndObject();
        }
    }
}
