namespace ChatOps.Bot.Core;

/// <summary>
/// Interim answers of a long-running command (<c>rollout status --wait</c>). Each report replaces the previous one
/// the way the adapter can: the console prints what is new, Slack and Teams edit the message in place.
/// Reporting never fails the command: with no one listening it does nothing.
/// </summary>
public interface IOperationProgress
{
    ValueTask ReportAsync(OperationResult interim, CancellationToken cancellationToken);
}
