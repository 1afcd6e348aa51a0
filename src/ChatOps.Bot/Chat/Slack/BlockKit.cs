using System.Buffers;
using System.Text.Encodings.Web;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// <see cref="OperationResult"/> as a Block Kit message. Slack rejects a message that breaks a limit (3,000 characters
/// per section, 10 fields, 25 buttons, 50 blocks), so every part is cut to fit and a note says so: long output
/// is truncated, never an API error that would lose the whole answer.
/// </summary>
public static class BlockKit
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

        foreach (var chunk in Chunks(Escape(result.Text), MaxSectionText))
        {
            blocks.Add(Section(chunk));
        }

        AddFields(blocks, result.Fields);
        foreach (var table in result.Tables)
        {
            if (table.Caption is { Length: > 0 } caption)
            {
                blocks.Add(Context(Escape(caption)));
            }

            // Code fences take 6 characters (and a newline) of each section's 3,000.
            foreach (var chunk in Chunks(Escape(TextTable.Render(table)), MaxSectionText - 8))
            {
                blocks.Add(Section($"```\n{chunk}```"));
            }
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

    /// <summary>Slack's mrkdwn gives &amp;, &lt; and &gt; meaning; user text must not create links or mentions.</summary>
    /// <remarks>One pass and one copy (none when there is nothing to escape): answers run to thousands of characters.</remarks>
    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny('&', '<', '>');
        if (first < 0)
        {
            return text;
        }

        var extra = 0;
        foreach (var c in text.AsSpan(first))
        {
            extra += c switch { '&' => 4, '<' or '>' => 3, _ => 0 };
        }

        return string.Create(text.Length + extra, text, static (to, from) =>
        {
            var j = 0;
            foreach (var c in from)
            {
                var entity = c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => null };
                if (entity is null)
                {
                    to[j++] = c;
                }
                else
                {
                    entity.CopyTo(to[j..]);
                    j += entity.Length;
                }
            }
        });
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

    /// <summary>
    /// The title and text, escaped and cut as <see cref="Cut"/> would cut them, escaped into one pooled buffer only as
    /// far as the cut can look (an entity is at most five characters): a long answer's fallback is one copy of its start.
    /// </summary>
    private static string Fallback(OperationResult result)
    {
        const int Enough = MaxSectionText + 5;
        var buffer = ArrayPool<char>.Shared.Rent(Enough + 5);
        try
        {
            var n = 0;
            var titled = result.Title is { Length: > 0 };
            var whole = (!titled || EscapeInto(result.Title!, buffer, ref n, Enough) && EscapeInto(": ", buffer, ref n, Enough))
                && EscapeInto(result.Text, buffer, ref n, Enough);
            var escaped = buffer.AsSpan(0, n);
            if (whole && n <= MaxSectionText)
            {
                return !titled && n == result.Text.Length ? result.Text : new string(escaped);
            }

            return string.Concat(escaped[..SafeLength(escaped, MaxSectionText - 1)], "…");
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <returns>False when <paramref name="limit"/> characters were written before the end of <paramref name="text"/>.</returns>
    private static bool EscapeInto(string text, char[] to, ref int n, int limit)
    {
        foreach (var c in text)
        {
            if (n >= limit)
            {
                return false;
            }

            var entity = c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => null };
            if (entity is null)
            {
                to[n++] = c;
            }
            else
            {
                entity.CopyTo(to.AsSpan(n));
                n += entity.Length;
            }
        }

        return true;
    }

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject Plain(string text, int max) => new() { ["type"] = "plain_text", ["text"] = Cut(text, max), ["emoji"] = true };

    /// <summary>Cuts to <paramref name="max"/> characters, ending with an ellipsis when something was dropped.</summary>
    public static string Cut(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, SafeLength(text, max - 1)), "…");

    /// <summary>Splits long text at line ends where possible, never inside an escape such as <c>&amp;amp;</c>.</summary>
    /// <remarks>Only the pieces are copied, not what is left after each of them.</remarks>
    public static IEnumerable<string> Chunks(string text, int max)
    {
        var start = 0;
        while (text.Length - start > max)
        {
            var cut = text.LastIndexOf('\n', start + max - 1, max) - start;
            var length = cut > max / 2 ? cut : SafeLength(text.AsSpan(start), max);
            yield return text.Substring(start, length);
            start += length;
            while (start < text.Length && text[start] == '\n')
            {
                start++;
            }
        }

        if (start < text.Length)
        {
            yield return start == 0 ? text : text[start..];
        }
    }

    /// <summary>How much of <paramref name="text"/>, at most <paramref name="length"/>, may end a piece.</summary>
    private static int SafeLength(ReadOnlySpan<char> text, int length)
    {
        var window = Math.Min(length, 5);
        var inWindow = text.Slice(length - window, window).LastIndexOf('&');
        if (inWindow >= 0)
        {
            var amp = length - window + inWindow;
            var semicolon = text[amp..].IndexOf(';');
            if (semicolon >= 0 && amp + semicolon >= length)
            {
                length = amp;
            }
        }

        // Do not split a surrogate pair (emoji) in two.
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return length;
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
