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
    IRunHistory history,
    TimeProvider clock)
{
    /// <summary>More runs than any sane rate limit counts; a store read stays bounded whatever the log holds.</summary>
    private const int MaxHistory = 1000;

    /// <param name="asIfRun">Decide for a <c>--dry-run</c> preview as if it ran, so the preview can show the rules.</param>
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

        if (o.Limits.NeedsFacts)
        {
            foreach (var source in facts)
            {
                request = await source.AddFactsAsync(operation, request, o.Limits, cancellationToken);
            }
        }

        var now = clock.GetUtcNow();
        if (o.Limits.Rates.Where(r => CountLimits.Counts(r, request.Command)).Select(r => r.Window).DefaultIfEmpty().Max() is { Ticks: > 0 } window
            && scoped.Scope.Target is { } target)
        {
            request = request with { History = await history.RunsAsync(target, now - window, MaxHistory, cancellationToken) };
        }

        var decision = PolicyEngine.Evaluate(request, o, now);
        return request.Incident is null && Frozen(decision) && o.Freezes.Any(w => w.AllowForIncident)
            && await incidents.InChannelAsync(operation.Context.ChannelId, cancellationToken) is { } here
            ? PolicyEngine.Evaluate(request with { Incident = here }, o, now)
            : decision;
    }

    // The channel's incident is looked up only when a freeze refuses, so commands outside a freeze cost no read.
    private static bool Frozen(PolicyDecision decision) =>
        decision.Rules.Any(r => r.Effect == PolicyVerdict.Refuse && r.Id.StartsWith("freeze:", StringComparison.Ordinal));

    private static bool Configured(PolicyOptions o) =>
        o.Freezes.Count > 0 || o.Limits.ProtectedNamespaces.Count > 0 || o.Limits.Rates.Count > 0
        || o.Limits.NeedsFacts || ApprovalRules.Configured(o);

}
