namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// The decision the policy behaviour made for a request, kept for the approval behaviour in the same scope so it
/// is computed once. Keyed by reference: an approved re-run is a new request and gets its own decision.
/// </summary>
public sealed class PolicyDecisions
{
    private readonly Dictionary<IOperation, PolicyDecision> _decisions = new(ReferenceEqualityComparer.Instance);

    public void Remember(IOperation operation, PolicyDecision decision) => _decisions[operation] = decision;

    public PolicyDecision For(IOperation operation) => _decisions.GetValueOrDefault(operation) ?? PolicyDecision.None;
}
