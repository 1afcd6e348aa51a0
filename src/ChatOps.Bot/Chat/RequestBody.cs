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

        using var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 1024);
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
