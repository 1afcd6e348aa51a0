namespace ChatOps.Bot.Core;

/// <summary>
/// Whether a clicked command settled the question its card asked (an approval that is no longer pending), so the
/// card's buttons should go. The feature that owns the question answers it; the card-action algorithm in Dispatch
/// asks through this port because Dispatch sits below the features and must not read their stores.
/// </summary>
public interface ICardDecisions
{
    Task<bool> IsSettledAsync(string command, CancellationToken cancellationToken);
}
