namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// A feature's facts for the policy engine about one of its requests (the replica change a scale makes). Read only;
/// asked only when a configured rule needs them, so no rule means no extra read.
/// </summary>
public interface IPolicyFacts
{
    ValueTask<PolicyRequest> AddFactsAsync(IOperation operation, PolicyRequest request, CancellationToken cancellationToken);
}
