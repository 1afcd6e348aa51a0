namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// The one place a policy decision is made. Pure: the same request, options and instant give the same decision,
/// so <c>policy test</c>, the pipeline and the tests cannot disagree.
/// </summary>
public static class PolicyEngine
{
    private const string Limits = PolicyOptions.SectionName + ":Limits";

    public static PolicyDecision Evaluate(PolicyRequest request, PolicyOptions options, DateTimeOffset now)
    {
        if (!request.Mutating)
        {
            return PolicyDecision.None;
        }

        var rules = new List<PolicyRule>();
        rules.AddRange(Freezes(request, options, now));
        rules.AddRange(BlastRadius(request, options.Limits));
        rules.AddRange(ApprovalRules.Evaluate(request, options));
        rules.AddRange(CountLimits.Rules(request, options.Limits, now));
        return new PolicyDecision(rules);
    }

    private static IEnumerable<PolicyRule> Freezes(PolicyRequest request, PolicyOptions options, DateTimeOffset now)
    {
        foreach (var window in options.Freezes.Where(w => Covers(w, request)))
        {
            if (FreezeSchedule.ActiveUntil(window, now) is not { } end)
            {
                continue;
            }

            var what = $"change freeze '{window.Name}' ({ScopeText(window)}) is in force until {FreezeSchedule.Describe(end, window.TimeZone)}";
            if (window.AllowForIncident && request.Incident is { MayOverrideFreeze: true } incident)
            {
                var how = incident.InChannel ? " (typed in its channel)" : string.Empty;
                yield return new($"freeze:{window.Name}", PolicyVerdict.RequireApproval, $"{what}; overridden for {incident.Severity} incident {incident.Id}{how}")
                {
                    Incident = incident.Id,
                };
                continue;
            }

            var hint = window.AllowForIncident ? "; for an open P1/P2 incident run it with --incident INC-… or in the incident's channel (needs approval)" : string.Empty;
            yield return new($"freeze:{window.Name}", PolicyVerdict.Refuse, $"refused: {what}; nothing was run{hint}");
        }
    }

    private static IEnumerable<PolicyRule> BlastRadius(PolicyRequest request, BlastRadiusOptions limits)
    {
        if (request.Scope.Namespace is { } ns && limits.ProtectedNamespaces.Contains(ns, StringComparer.Ordinal))
        {
            yield return new("protected-namespace", PolicyVerdict.Refuse,
                $"refused: namespace {ns} is protected ({Limits}:ProtectedNamespaces); nothing was run");
        }

        if (request.Replicas is not { } change)
        {
            yield break;
        }

        var move = $"{change.Before} → {change.After}";
        if (limits.MaxReplicaChange is { } max && change.Delta > max)
        {
            yield return new("max-replica-change", PolicyVerdict.Refuse,
                $"refused: {move} changes replicas by {change.Delta}, above the limit of {max} per command ({Limits}:MaxReplicaChange); nothing was run");
        }

        // Percent of zero is undefined; the absolute limit covers scaling up from zero.
        if (limits.MaxReplicaChangePercent is { } pct && change.Before > 0 && change.Delta * 100L > pct * (long)change.Before)
        {
            var actual = change.Delta * 100L / change.Before;
            yield return new("max-replica-change-percent", PolicyVerdict.Refuse,
                $"refused: {move} changes replicas by {actual}%, above the limit of {pct}% per command ({Limits}:MaxReplicaChangePercent); nothing was run");
        }

        if (request.Production && limits.MinProductionReplicas is { } min && change.After < min && change.After < change.Before)
        {
            yield return new("min-production-replicas", PolicyVerdict.RequireApproval,
                $"{move} goes below the production minimum of {min} replicas ({Limits}:MinProductionReplicas)");
        }
    }

    private static bool Covers(FreezeWindowOptions window, PolicyRequest request) =>
        (window.Targets.Count == 0 || window.Targets.Contains(request.Scope.Target ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        && (window.Namespaces.Count == 0 || window.Namespaces.Contains(request.Scope.Namespace ?? string.Empty, StringComparer.Ordinal))
        && (window.Commands.Count == 0 || window.Commands.Contains(request.Command, StringComparer.OrdinalIgnoreCase));

    public static string ScopeText(FreezeWindowOptions window)
    {
        var targets = window.Targets.Count == 0 ? "every target" : string.Join(", ", window.Targets);
        var namespaces = window.Namespaces.Count == 0 ? string.Empty : $" namespaces {string.Join(", ", window.Namespaces)}";
        var commands = window.Commands.Count == 0 ? "mutating commands" : string.Join(", ", window.Commands);
        return $"{commands} on {targets}{namespaces}";
    }
}
