using System.Buffers;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// An answer body written as UTF-8 into a pooled buffer, then onto the response with its Content-Length: a help
/// listing is ≈ 10 KB of JSON, which as an intermediate string (and then its UTF-8 copy) was the largest allocation
/// of a slash command.
/// </summary>
internal sealed class JsonAnswer(Action<Utf8JsonWriter> write) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var buffer = new PooledBuffer();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, BlockKit.WriterOptions))
            {
                write(writer);
            }

            httpContext.Response.ContentType = ContentType;
            httpContext.Response.ContentLength = buffer.Written.Length;
            await httpContext.Response.Body.WriteAsync(buffer.Written, httpContext.RequestAborted);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> over arrays rented from the shared pool, returned when the answer is sent.</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(16 * 1024);
        private int _length;

        public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _length);

        public void Advance(int count) => _length += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsMemory(_length);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsSpan(_length);
        }

        public void Return() => ArrayPool<byte>.Shared.Return(_array);

        private void Ensure(int sizeHint)
        {
            if (_array.Length - _length >= Math.Max(sizeHint, 1))
            {
                return;
            }

            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _length + sizeHint));
            _array.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = bigger;
        }
    }
}
