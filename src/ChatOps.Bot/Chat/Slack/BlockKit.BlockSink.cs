using System.Buffers;

namespace ChatOps.Bot.Chat.Slack;

public static partial class BlockKit
{
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

        /// <summary>One section per piece of <paramref name="body"/>, escaped and split as <see cref="Chunks"/> splits it.</summary>
        public void Sections(string body) => EscapedSections(body, MaxSectionText, string.Empty, string.Empty);

        /// <summary>A table as code-fenced sections, written from the table into a rented buffer: no string of it is made.</summary>
        public void Table(ResultTable table)
        {
            using var raw = new PooledText();
            TextTable.Render(table, raw);
            EscapedSections(raw.Span, TableSectionText, "```\n", "```");
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

        private void EscapedSections(ReadOnlySpan<char> raw, int max, string prefix, string suffix)
        {
            if (raw.IndexOfAny('&', '<', '>') < 0)
            {
                SectionsOf(raw, max, prefix, suffix);
                return;
            }

            using var escaped = new PooledText();
            SectionsOf(escaped.AppendEscaped(raw).Span, max, prefix, suffix);
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
            JsonStringWriter.Write(w, "text", mrkdwn);
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
