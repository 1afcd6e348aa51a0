namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// The answer to one Teams message, in the thread: the first interim answer (<c>rollout status --wait</c>) posts the
/// reply, later ones edit it in place at most every <see cref="MinInterval"/> (the Connector throttles bots that edit
/// faster; a skipped interim is carried by the next one), and the final answer edits it once more — or is the reply
/// when there was no interim answer. Calls are serialized so the final edit can never be overtaken by an interim one.
/// </summary>
public sealed class TeamsProgress(IBotConnector connector, TeamsConversation conversation, TimeProvider clock)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _replyId;
    private DateTimeOffset _lastSent = DateTimeOffset.MinValue;

    public async ValueTask ReportAsync(OperationResult interim, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - _lastSent < MinInterval || !await _gate.WaitAsync(0, cancellationToken))
        {
            return;
        }

        try
        {
            await SendAsync(AdaptiveCards.Message(interim), cancellationToken);
            _lastSent = clock.GetUtcNow();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task FinishAsync(OperationResult result, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await SendAsync(AdaptiveCards.Message(result), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SendAsync(JsonObject activity, CancellationToken cancellationToken)
    {
        if (_replyId is { } id)
        {
            await connector.UpdateAsync(conversation, id, activity, cancellationToken);
        }
        else
        {
            _replyId = await connector.SendAsync(conversation, activity, cancellationToken);
        }
    }
}
