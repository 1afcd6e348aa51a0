namespace ChatOps.Bot.Dispatch;

/// <summary>
/// Whether a clicked command settled the question its card asked (an approval that is no longer pending), so the
/// card's buttons should go. The feature that owns the question answers it: Dispatch sits below the features and
/// must not read their stores itself.
/// </summary>
public interface ICardDecisions
{
    Task<bool> IsSettledAsync(string command, CancellationToken cancellationToken);
}
