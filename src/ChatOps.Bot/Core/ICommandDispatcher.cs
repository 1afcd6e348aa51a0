namespace ChatOps.Bot.Core;

/// <summary>
/// Runs a line of text as the command a person would type, through the whole pipeline. Chat adapters use the
/// dispatcher directly; a feature that acts as a user of its own (an alert rule declaring an incident) uses this port,
/// so it goes through the same checks and audit without depending on the dispatch machinery.
/// </summary>
public interface ICommandDispatcher
{
    /// <param name="progress">Receives interim answers of long-running commands; see <see cref="IOperationProgress"/>.</param>
    Task<OperationResult> DispatchAsync(
        string text, ChatContext context, CancellationToken cancellationToken, Func<OperationResult, CancellationToken, ValueTask>? progress = null);
}
