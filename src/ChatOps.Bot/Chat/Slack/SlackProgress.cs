namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// Interim answers of a slow slash command, shown by editing the "working on it" message through its
/// <c>response_url</c>. Slack accepts at most five posts to one response_url, so interim edits are spaced out and
/// capped, keeping one post for the final answer; an interim answer that arrives too soon is simply skipped (the
/// next one, or the final answer, carries everything it said).
/// </summary>
public sealed class SlackProgress(ISlackApi api, TimeProvider clock)
{
    /// <summary>Slack allows five posts per response_url; the last one belongs to the final answer.</summary>
    public const int MaxInterim = 3;

    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Uri? _responseUrl;
    private DateTimeOffset _lastSent = DateTimeOffset.MinValue;
    private int _sent;

    public bool ShownInterim
    {
        get
        {
            lock (_gate)
            {
                return _sent > 0;
            }
        }
    }

    /// <summary>From now on interim answers go to <paramref name="responseUrl"/> (the ack has been sent).</summary>
    public void Connect(Uri responseUrl)
    {
        lock (_gate)
        {
            _responseUrl = responseUrl;
            _lastSent = clock.GetUtcNow();
        }
    }

    public async ValueTask ReportAsync(OperationResult interim, CancellationToken cancellationToken)
    {
        Uri url;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_responseUrl is null || _sent >= MaxInterim || now - _lastSent < MinInterval)
            {
                return;
            }

            url = _responseUrl;
            _sent++;
            _lastSent = now;
        }

        await api.RespondAsync(url, Replacing(BlockKit.Response(interim)), cancellationToken);
    }

    /// <summary>
    /// The final answer replaces the interim one when both are for the requester's eyes only; an answer for the whole
    /// channel is a new message, since an ephemeral message cannot become a channel message.
    /// </summary>
    public Task FinishAsync(Uri responseUrl, OperationResult result, CancellationToken cancellationToken, bool imagesShared = false)
    {
        var message = BlockKit.Response(result, imagesShared);
        return api.RespondAsync(responseUrl, ShownInterim && result.Visibility == Visibility.Ephemeral ? Replacing(message) : message, cancellationToken);
    }

    private static JsonObject Replacing(JsonObject message)
    {
        message["replace_original"] = true;
        return message;
    }
}
