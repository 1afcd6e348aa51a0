namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// Walks the decision path the pipeline would take — identity, the role binding that matches, the policy rules,
/// a live break-glass elevation when the binding falls short, the approvals — with the same components, and stops before anything runs. Only reads (the replica count a
/// limit needs) happen. Shared by <c>policy test</c> in chat and the offline <c>policy check</c>, so they cannot disagree.
/// </summary>
public sealed class PolicyExplainer(
    CommandParser parser,
    RolePolicy roles,
    PolicyEvaluator evaluator,
    ITargetCatalog targets,
    IActiveElevations elevations,
    IOptionsMonitor<ApprovalOptions> approvals,
    TimeProvider clock)
{
    public async ValueTask<PolicyExplanation> ExplainAsync(string text, ChatContext subject, CancellationToken cancellationToken)
    {
        var parsed = parser.Parse(text, subject);
        if (parsed.Operation is not { } operation)
        {
            return PolicyExplanation.Invalid($"cannot test `{text}`: {parsed.Message}");
        }

        if (operation is PolicyTestQuery)
        {
            return PolicyExplanation.Invalid("`policy test` tests other commands, not itself");
        }

        var lines = new List<string> { $"policy test of `{operation.Command.Canonical}` for {subject.Subject} (nothing was run)", $"identity: {subject.Subject}" };
        var allowed = await RolesAsync(operation, subject, lines, cancellationToken);
        var decision = await evaluator.EvaluateAsync(operation, cancellationToken);
        lines.AddRange(decision.Rules.Count == 0 ? ["policy: no rule applies"] : decision.Rules.Select(r => $"policy: {r.Text}"));
        var approval = Approvals(operation, decision);
        lines.Add($"approvals: {approval ?? "none"}");
        var verdict = !allowed ? PolicyVerdicts.Denied
            : decision.Verdict == PolicyVerdict.Refuse ? PolicyVerdicts.Refused
            : approval is not null ? PolicyVerdicts.NeedsApproval
            : PolicyVerdicts.Allowed;
        lines.Add($"verdict: {verdict}");
        return new PolicyExplanation(lines, verdict, null);
    }

    private async Task<bool> RolesAsync(IOperation operation, ChatContext subject, List<string> lines, CancellationToken cancellationToken)
    {
        if (operation is not IRequiresRole scoped)
        {
            lines.Add($"roles: `{operation.Command.Name}` needs no role of its own");
            return true;
        }

        var needs = RolePolicy.Describe(scoped.RequiredRole);
        var where = scoped.Scope.IsGlobal ? "(everywhere)" : $"on {scoped.Scope}";
        var best = (await roles.GrantsAsync(subject, cancellationToken))
            .Where(g => RolePolicy.Covers(g, scoped.Scope))
            .MaxBy(g => g.Role);
        var holds = best is null ? "no binding matches" : $"holds {RolePolicy.Describe(best.Role)} {best.Where} (binding {best.Subject})";
        if (best is not null && best.Role >= scoped.RequiredRole)
        {
            lines.Add($"roles: needs {needs} {where}; {holds} → allowed");
            return true;
        }

        var (elevation, unread) = await ElevationAsync(subject, scoped, cancellationToken);
        var via = elevation is not null
            ? $"; role {RolePolicy.Describe(elevation.Role)} from break-glass {elevation.Id}, until {ApprovalText.Time(elevation.ExpiresAt)}"
            : unread ? "; elevations could not be read (store unavailable), so none counts" : string.Empty;
        lines.Add($"roles: needs {needs} {where}; {holds}{via} → {(elevation is null ? "denied" : "allowed (break-glass)")}");
        return elevation is not null;
    }

    /// <summary>As authorization asks only when the bindings fall short, and fails closed when the store cannot answer.</summary>
    private async Task<(Elevation? Elevation, bool Unread)> ElevationAsync(ChatContext subject, IRequiresRole scoped, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            var live = await elevations.ActiveElevationsAsync(subject.Subject, now, cancellationToken);
            return (Elevation.Covering(live, now, scoped.RequiredRole, scoped.Scope), false);
        }
        catch (Audit.AuditStoreUnavailableException)
        {
            return (null, true);
        }
    }

    /// <summary>The same questions <c>ApprovalBehavior</c> asks, apart from a feature's own danger assessments.</summary>
    private string? Approvals(IOperation operation, PolicyDecision decision)
    {
        if (operation is not IDangerous dangerous || operation is IPreviewable { DryRun: true } || decision.Verdict == PolicyVerdict.Refuse)
        {
            return null;
        }

        var o = approvals.CurrentValue;
        var production = targets.IsProduction(dangerous.Scope.Target);
        var listed = o.Commands.Contains(dangerous.Command.Name, StringComparer.OrdinalIgnoreCase);
        var count = decision.RequiredApprovers(production && (dangerous.IsDangerous || listed), o.RequiredApprovers);
        var from = decision.Demand() is { } demand ? $" from {demand.Approvers.Describe()}" : string.Empty;
        var needs = $"{count} × {RolePolicy.Describe(dangerous.RequiredRole)} on {dangerous.Scope}{from}, not the requester";
        if (decision.ApprovalReason is { } reason)
        {
            return $"{needs} (policy: {reason})";
        }

        return production && dangerous.IsDangerous ? $"{needs} (dangerous on production)"
            : production && listed ? $"{needs} (ChatOps:Approvals:Commands)"
            : null;
    }
}
