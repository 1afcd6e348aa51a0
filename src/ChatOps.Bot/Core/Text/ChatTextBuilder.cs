using System.Runtime.CompilerServices;

namespace ChatOps.Bot.Core.Text;

/// <summary>
/// The interpolated-string handler behind <see cref="ChatText.Of"/>: the compiler passes literals to
/// <see cref="AppendLiteral"/> (bot text) and holes to <c>AppendFormatted</c>, where a string is user text and a
/// <see cref="ChatText"/> keeps its own spans. Numbers and dates are formatted invariantly and count as bot text.
/// </summary>
[InterpolatedStringHandler]
public ref struct ChatTextBuilder
{
    private readonly List<ChatSpan> _spans;

    public ChatTextBuilder(int literalLength, int formattedCount)
    {
        _ = literalLength;
        _spans = new List<ChatSpan>(formattedCount * 2 + 1);
    }

    public readonly void AppendLiteral(string value) => Add(ChatSpanKind.Bot, value);

    public readonly void AppendFormatted(string? value) => Add(ChatSpanKind.User, value ?? string.Empty);

    public readonly void AppendFormatted(ChatText value) => _spans.AddRange(value.Spans);

    public readonly void AppendFormatted(long value) => Add(ChatSpanKind.Bot, value.ToString(CultureInfo.InvariantCulture));

    public readonly void AppendFormatted(int value) => Add(ChatSpanKind.Bot, value.ToString(CultureInfo.InvariantCulture));

    internal readonly ChatText Build() => ChatText.FromSpans(_spans);

    private readonly void Add(ChatSpanKind kind, string text)
    {
        if (text.Length > 0)
        {
            _spans.Add(new(kind, ChatText.Clean(text)));
        }
    }
}
