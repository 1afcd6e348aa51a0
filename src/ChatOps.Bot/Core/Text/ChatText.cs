namespace ChatOps.Bot.Core.Text;

/// <summary>
/// Chat text that remembers which parts the bot wrote and which came from users, so each platform renderer can
/// escape exactly the user parts for its own format (Slack mrkdwn, Teams markdown, a log line) and only the bot can
/// mention people or link channels. Compose with <see cref="Of"/>: literals are the bot's, every interpolated
/// string is user text unless it is itself a <see cref="ChatText"/>.
/// </summary>
public sealed class ChatText
{
    // Interlinear annotation characters frame the non-bot spans in the stored (outbox) form. They mean nothing in
    // chat text, and every span has them replaced on the way in, so user text can never forge a frame.
    internal const char Open = '\uFFF9';
    internal const char Separator = '\uFFFA';
    internal const char Close = '\uFFFB';

    public static readonly ChatText Empty = new([]);

    private ChatText(IReadOnlyList<ChatSpan> spans) => Spans = spans;

    public IReadOnlyList<ChatSpan> Spans { get; }

    public static ChatText Bot(string text) => Single(ChatSpanKind.Bot, text);

    public static ChatText User(string? text) => Single(ChatSpanKind.User, text ?? string.Empty);

    public static ChatText Code(string text) => Single(ChatSpanKind.Code, text);

    public static ChatText Mention(string userId, string label) => new([new(ChatSpanKind.Mention, Clean(userId), Clean(label))]);

    public static ChatText Channel(string channelId, string name) => new([new(ChatSpanKind.Channel, Clean(channelId), Clean(name))]);

    /// <summary><c>ChatText.Of($"[{status}] {user}")</c>: literals are bot text, string holes are user text.</summary>
    public static ChatText Of(ref ChatTextBuilder text) => text.Build();

    public static ChatText Join(string separator, IEnumerable<ChatText> parts)
    {
        var spans = new List<ChatSpan>();
        foreach (var part in parts)
        {
            if (spans.Count > 0 && separator.Length > 0)
            {
                spans.Add(new(ChatSpanKind.Bot, Clean(separator)));
            }

            spans.AddRange(part.Spans);
        }

        return new(spans);
    }

    public static ChatText operator +(ChatText left, ChatText right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new([.. left.Spans, .. right.Spans]);
    }

    public static ChatText Add(ChatText left, ChatText right) => left + right;

    /// <summary>The stored form for the outbox: bot text as is, every other span framed with its kind.</summary>
    public string Encode()
    {
        var sb = new StringBuilder();
        foreach (var span in Spans)
        {
            if (span.Kind == ChatSpanKind.Bot)
            {
                sb.Append(span.Text);
                continue;
            }

            sb.Append(Open).Append(KindChar(span.Kind)).Append(span.Text);
            if (span.Kind is ChatSpanKind.Mention or ChatSpanKind.Channel)
            {
                sb.Append(Separator).Append(span.Label);
            }

            sb.Append(Close);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Reads <see cref="Encode"/>'s form back. Text without frames (lines queued by an older version) is bot text;
    /// the renderers still escape it, so it cannot mention anyone.
    /// </summary>
    public static ChatText Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var spans = new List<ChatSpan>();
        var i = 0;
        while (i < encoded.Length)
        {
            var open = encoded.IndexOf(Open, i);
            if (open < 0)
            {
                spans.Add(new(ChatSpanKind.Bot, Clean(encoded[i..])));
                break;
            }

            if (open > i)
            {
                spans.Add(new(ChatSpanKind.Bot, Clean(encoded[i..open])));
            }

            // A frame that never closes (a cut line) is user text to the end: it must not turn into bot text.
            var close = encoded.IndexOf(Close, open);
            var body = encoded[(open + 1)..(close < 0 ? encoded.Length : close)];
            var kind = body.Length > 0 ? FromChar(body[0]) : ChatSpanKind.User;
            var payload = body.Length > 0 ? body[1..] : string.Empty;
            var separator = payload.IndexOf(Separator, StringComparison.Ordinal);
            spans.Add(kind is ChatSpanKind.Mention or ChatSpanKind.Channel
                ? separator >= 0 ? new(kind, Clean(payload[..separator]), Clean(payload[(separator + 1)..])) : new(ChatSpanKind.User, Clean(payload))
                : new(kind, Clean(payload)));
            i = close < 0 ? encoded.Length : close + 1;
        }

        return new(spans);
    }

    /// <summary>The plain form (log lines, the console, tests): user parts with control characters shown escaped.</summary>
    public override string ToString() => PlainText.Render(this);

    internal static ChatText Single(ChatSpanKind kind, string text) =>
        text.Length == 0 && kind == ChatSpanKind.Bot ? Empty : new([new(kind, Clean(text))]);

    internal static string Clean(string text) =>
        text.AsSpan().IndexOfAnyInRange(Open, Close) < 0 ? text : text.Replace(Open, '\uFFFD').Replace(Separator, '\uFFFD').Replace(Close, '\uFFFD');

    internal static ChatText FromSpans(List<ChatSpan> spans) => new(spans);

    private static char KindChar(ChatSpanKind kind) => kind switch
    {
        ChatSpanKind.Code => 'c',
        ChatSpanKind.Mention => 'm',
        ChatSpanKind.Channel => 'h',
        _ => 'u',
    };

    private static ChatSpanKind FromChar(char c) => c switch
    {
        'c' => ChatSpanKind.Code,
        'm' => ChatSpanKind.Mention,
        'h' => ChatSpanKind.Channel,
        _ => ChatSpanKind.User,
    };
}
