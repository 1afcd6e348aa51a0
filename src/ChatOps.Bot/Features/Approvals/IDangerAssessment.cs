namespace ChatOps.Bot.Features.Approvals;

/// <summary>
/// Decides that a request on a production target is dangerous from facts its arguments do not show (a silence that
/// would mute alerts of several namespaces, or last past a configured maximum). Asked only for production targets,
/// before <see cref="IApprovalDetails"/>. Answers why it is dangerous, or null; a source that does not know the
/// request answers null. Must not throw: when the facts cannot be read it decides for itself which way to err.
/// </summary>
public interface IDangerAssessment
{
    ValueTask<string?> AssessAsync(IDangerous request, CancellationToken cancellationToken);
}
