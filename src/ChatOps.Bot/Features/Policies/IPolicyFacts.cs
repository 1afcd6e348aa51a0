namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// A feature's facts for the policy engine about one of its requests (the replica change a scale makes). Read only;
/// each source reads only when a configured limit judges its own facts (<c>limits</c>), so a limit on bulk
/// kills costs a scale no read, and a read that fails cannot hold up a command no limit judges.
/// </summary>
public interface IPolicyFacts
{
    ValueTask<PolicyRequest> AddFactsAsync(IOperation operation, PolicyRequest request, BlastRadiusOptions limits, CancellationToken cancellationToken);
}
