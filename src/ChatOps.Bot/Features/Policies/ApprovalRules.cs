namespace ChatOps.Bot.Features.Policies;

/// <summary>How many approvals an approval rule asks for, and from whom.</summary>
public sealed record ApprovalDemand(int Count, ApproverSet Approvers);

/// <summary>
/// The approval part of the policy engine: the first N-of-M rule that covers a request, and the extra approver a
/// purge deeper than the limit needs. Both ask for approval; neither refuses. Their ids carry the count and the
/// approver set, so an approval binds to them and a change while it waits is noticed.
/// </summary>
public static class ApprovalRules
{
    private const string Section = PolicyOptions.SectionName;

    public static IEnumerable<PolicyRule> Evaluate(PolicyRequest request, PolicyOptions options)
    {
        if (!request.MayBeHeld)
        {
            yield break;
        }

        if (options.Approvals.FirstOrDefault(r => Covers(r, request)) is { } rule)
        {
            var set = new ApproverSet(rule.Name, rule.Role, [.. rule.From]);
            var approvals = rule.Approvals == 1 ? "1 approval" : $"{rule.Approvals} approvals";
            yield return new($"approval:{rule.Name}:{rule.Approvals}:{rule.Role}:{set.FromText}", PolicyVerdict.RequireApproval,
                $"{set.Describe()} asks for {approvals}, not the requester's ({Section}:Approvals)")
            {
                Demand = new(rule.Approvals, set),
            };
        }

        if (request.QueueDepth is { } depth && options.Limits.MaxPurgeDepthWithoutExtraApprover is { } max && (depth < 0 || depth > max))
        {
            var what = depth < 0
                ? $"the queue's depth could not be read, so the purge counts as deeper than {max} messages"
                : $"purging {depth} messages is more than {max}";
            yield return new($"max-purge-depth:{max}", PolicyVerdict.RequireApproval,
                $"{what} ({Section}:Limits:MaxPurgeDepthWithoutExtraApprover): one more approver")
            {
                ExtraApprovers = 1,
            };
        }
    }

    /// <summary>The approval rule that applies, if any.</summary>
    public static ApprovalDemand? Demand(this PolicyDecision decision) =>
        decision.Verdict == PolicyVerdict.RequireApproval ? decision.Rules.Select(r => r.Demand).FirstOrDefault(d => d is not null) : null;

    /// <summary>Approvers on top of what the request needs without the rules that add them.</summary>
    public static int ExtraApprovers(this PolicyDecision decision) =>
        decision.Verdict == PolicyVerdict.RequireApproval ? decision.Rules.Sum(r => r.ExtraApprovers) : 0;

    /// <summary>Whether a rule asks for approval by itself, not only for an extra approver.</summary>
    public static bool AsksForApproval(this PolicyDecision decision) =>
        decision.Verdict == PolicyVerdict.RequireApproval && decision.Rules.Any(r => r is { Effect: PolicyVerdict.RequireApproval, ExtraApprovers: 0 });

    /// <summary>
    /// Approvals a held request needs: the rule's count (else the global one) when something asks for approval by itself,
    /// plus the extra approvers; with only an extra approver asking, that is all.
    /// </summary>
    public static int RequiredApprovers(this PolicyDecision decision, bool otherwiseHeld, int globalCount) =>
        (otherwiseHeld || decision.AsksForApproval() ? decision.Demand()?.Count ?? globalCount : 0) + decision.ExtraApprovers();

    public static bool Configured(PolicyOptions options) =>
        options.Approvals.Count > 0 || options.Limits.MaxPurgeDepthWithoutExtraApprover is not null;

    private static bool Covers(ApprovalRuleOptions rule, PolicyRequest request) =>
        (rule.Targets.Count == 0 || rule.Targets.Contains(request.Scope.Target ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        && (rule.Namespaces.Count == 0 || rule.Namespaces.Contains(request.Scope.Namespace ?? string.Empty, StringComparer.Ordinal))
        && (rule.Commands.Count == 0 || rule.Commands.Contains(request.Command, StringComparer.OrdinalIgnoreCase));
}
