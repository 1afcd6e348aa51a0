using System.Buffers;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// Text put together in a rented buffer: a block's mrkdwn is escaped, joined and cut here and written as one JSON
/// string, so an answer of thousands of characters never becomes strings of its own on its way to the wire.
/// </summary>
internal sealed class PooledText : IBufferWriter<char>, IDisposable
{
    private char[] _chars = ArrayPool<char>.Shared.Rent(1024);

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    public PooledText Clear()
    {
        Length = 0;
        return this;
    }

    public PooledText Append(ReadOnlySpan<char> text)
    {
        Ensure(text.Length);
        text.CopyTo(_chars.AsSpan(Length));
        Length += text.Length;
        return this;
    }

    /// <summary>Appends <paramref name="text"/> with Slack's three entities escaped (<see cref="BlockKit.Escape"/>).</summary>
    public PooledText AppendEscaped(ReadOnlySpan<char> text)
    {
        var first = text.IndexOfAny('&', '<', '>');
        if (first < 0)
        {
            return Append(text);
        }

        Ensure(BlockKit.EscapedLength(text, first));
        var n = Length;
        BlockKit.EscapeInto(text, _chars, ref n, int.MaxValue);
        Length = n;
        return this;
    }

    /// <summary>Appends <paramref name="text"/> escaped until the whole text is <paramref name="limit"/> characters (an entity started is appended whole).</summary>
    /// <returns>False when the limit was reached before the end of <paramref name="text"/>.</returns>
    public bool TryAppendEscaped(ReadOnlySpan<char> text, int limit)
    {
        Ensure(Math.Max(0, limit + 5 - Length));
        var n = Length;
        var whole = BlockKit.EscapeInto(text, _chars, ref n, limit);
        Length = n;
        return whole;
    }

    /// <summary>Cuts to <paramref name="max"/> characters as <see cref="BlockKit.Cut"/> does: an ellipsis where something was dropped.</summary>
    public PooledText Cut(int max)
    {
        if (Length > max)
        {
            Length = BlockKit.SafeLength(Span, max - 1);
            Append("…");
        }

        return this;
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _chars.Length - Length);
        Length += count;
    }

    public Memory<char> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _chars.AsMemory(Length);
    }

    public Span<char> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _chars.AsSpan(Length);
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        _chars = [];
    }

    private void Ensure(int more)
    {
        if (_chars.Length - Length >= more)
        {
            return;
        }

        var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, Length + more));
        Span.CopyTo(bigger);
        ArrayPool<char>.Shared.Return(_chars);
        _chars = bigger;
    }
}
