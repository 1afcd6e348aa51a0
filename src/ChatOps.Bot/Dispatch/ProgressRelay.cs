namespace ChatOps.Bot.Dispatch;

/// <summary>
/// Scoped to one command: the dispatcher connects the adapter's listener, handlers report through
/// <see cref="IOperationProgress"/>. A listener that throws (the chat API is down) loses that interim answer only.
/// </summary>
public sealed class ProgressRelay(ILogger<ProgressRelay> logger) : IOperationProgress
{
    public Func<OperationResult, CancellationToken, ValueTask>? Listener { get; set; }

    public async ValueTask ReportAsync(OperationResult interim, CancellationToken cancellationToken)
    {
        if (Listener is null)
        {
            return;
        }

        try
        {
            await Listener(interim, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("An interim answer could not be shown: {Reason}", ex.Message);
        }
    }
}
