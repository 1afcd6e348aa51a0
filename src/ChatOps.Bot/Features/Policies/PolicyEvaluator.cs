using ChatOps.Bot.Features.Authorization;

namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// Gathers what <see cref="PolicyEngine"/> needs about a request (production or not, the incident it names, its
/// feature's facts) and asks it. The pipeline and <c>policy test</c> both come through here.
/// </summary>
public sealed class PolicyEvaluator(
    IOptionsMonitor<PolicyOptions> options,
    ITargetCatalog targets,
    IIncidentStandings incidents,
    IEnumerable<IPolicyFacts> facts,
    TimeProvider clock)
{
    /// <param name="asIfRun">judge a <c>--dry-run</c> preview as the command it previews, to show what would apply</param>
    public async ValueTask<PolicyDecision> EvaluateAsync(IOperation operation, CancellationToken cancellationToken, bool asIfRun = false)
    {
        var o = options.CurrentValue;
        var mutating = operation is IMutating && (asIfRun || operation is not IPreviewable { DryRun: true });
        if (!mutating || operation is not IRequiresRole scoped || !Configured(o))
        {
            return PolicyDecision.None;
        }

        var request = new PolicyRequest(operation.Command.Name, operation.Command.Canonical, scoped.Scope, mutating, targets.IsProduction(scoped.Scope.Target))
        {
            MayBeHeld = operation is IDangerous,
        };
        if (operation.Command.Incident is { } id && o.Freezes.Any(w => w.AllowForIncident)
            && await incidents.FindAsync(id, cancellationToken) is { } incident)
        {
            request = request with { Incident = incident };
        }

        if (o.Limits is { MaxReplicaChange: not null } or { MaxReplicaChangePercent: not null } or { MinProductionReplicas: not null } or { MaxPurgeDepthWithoutExtraApprover: not null })
        {
            foreach (var source in facts)
            {
                request = await source.AddFactsAsync(operation, request, cancellationToken);
            }
        }

        return PolicyEngine.Evaluate(request, o, clock.GetUtcNow());
    }

    private static bool Configured(PolicyOptions o) =>
        o.Freezes.Count > 0 || o.Limits.ProtectedNamespaces.Count > 0
        || o.Limits is { MaxReplicaChange: not null } or { MaxReplicaChangePercent: not null } or { MinProductionReplicas: not null }
        || ApprovalRules.Configured(o);
}
