using System.Buffers;

namespace ChatOps.Bot.Chat;

/// <summary>
/// Reads a webhook's body up to a limit. Signatures and tokens are checked over the exact bytes, so the body is read
/// whole, but never past the limit: a declared or streamed body that is larger is refused before it is buffered.
/// </summary>
public static class RequestBody
{
    private const int ChunkBytes = 16384;

    /// <returns>The body, or null when it is larger than <paramref name="limit"/> bytes.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var aborted = request.HttpContext.RequestAborted;
        if (request.ContentLength is { } declared)
        {
            // The usual case (Slack, Teams and Alertmanager all send Content-Length): read into the one array kept.
            var body = new byte[declared];
            var length = 0;
            int got;
            while (length < body.Length && (got = await request.Body.ReadAsync(body.AsMemory(length), aborted)) > 0)
            {
                length += got;
            }

            // Kestrel holds a body to its declared length (a short one fails the read), so this is the whole body.
            return length == body.Length ? body : null;
        }

        using var buffer = new MemoryStream(1024);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, aborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
