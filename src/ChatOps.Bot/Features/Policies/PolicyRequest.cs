namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// What the policy engine decides on: the request as canonicalised for approval, plus the facts gathered for it
/// (the incident it names, the replica change a scale makes). Reads and previews are not <see cref="Mutating"/>.
/// </summary>
public sealed record PolicyRequest(string Command, string Canonical, TargetScope Scope, bool Mutating, bool Production)
{
    public IncidentStanding? Incident { get; init; }

    public ReplicaChange? Replicas { get; init; }

    /// <summary>The messages a queue purge would remove now; -1 when the broker could not say.</summary>
    public long? QueueDepth { get; init; }

    /// <summary>Whether the command can be held for approval at all; approval rules cover only those.</summary>
    public bool MayBeHeld { get; init; }

    /// <summary>How many sessions a bulk <c>db kill</c> would signal; null for other commands.</summary>
    public int? Sessions { get; init; }

    /// <summary>Commands that really ran on this request's target within the longest rate window, oldest first.</summary>
    public IReadOnlyList<PastRun> History { get; init; } = [];
}

/// <summary>The incident a command names with <c>--incident</c>, as the store has it now.</summary>
public sealed record IncidentStanding(string Id, string Severity, bool Open)
{
    /// <summary>Found as the incident of the channel the command was typed in, not named with <c>--incident</c>.</summary>
    public bool InChannel { get; init; }

    /// <summary>Only an open P1 or P2 may override a freeze that allows it.</summary>
    public bool MayOverrideFreeze => Open && Severity is "P1" or "P2";
}

public sealed record ReplicaChange(int Before, int After)
{
    public int Delta => Math.Abs(After - Before);
}

public enum PolicyVerdict
{
    Allow,
    RequireApproval,
    Refuse,
}

/// <summary>One rule that applies to a request; <see cref="Id"/> is stable, so an approval can bind to it.</summary>
public sealed record PolicyRule(string Id, PolicyVerdict Effect, string Text)
{
    /// <summary>How many approvals, from whom: set by an N-of-M approval rule.</summary>
    public ApprovalDemand? Demand { get; init; }

    /// <summary>Approvers needed on top of what the request needs otherwise (a purge deeper than the limit).</summary>
    public int ExtraApprovers { get; init; }

    /// <summary>The incident a freeze was set aside for, so its timeline can say so.</summary>
    public string? Incident { get; init; }
}

/// <summary>The outcome: the strictest effect of the rules that apply, and every one of them for the explanation.</summary>
public sealed record PolicyDecision(IReadOnlyList<PolicyRule> Rules)
{
    public static readonly PolicyDecision None = new([]);

    public PolicyVerdict Verdict => Rules.Select(r => r.Effect).DefaultIfEmpty(PolicyVerdict.Allow).Max();

    /// <summary>The refusal line: the first refusing rule.</summary>
    public string? Refusal => Rules.FirstOrDefault(r => r.Effect == PolicyVerdict.Refuse)?.Text;

    /// <summary>Why policy asks for approval; null when it does not (or refuses).</summary>
    public string? ApprovalReason => Verdict == PolicyVerdict.RequireApproval
        ? string.Join("; ", Rules.Where(r => r.Effect == PolicyVerdict.RequireApproval).Select(r => r.Text))
        : null;

    /// <summary>What an approval binds besides the command: the ids of the rules that asked for it.</summary>
    public string? Binding => Verdict == PolicyVerdict.RequireApproval
        ? string.Join(';', Rules.Where(r => r.Effect == PolicyVerdict.RequireApproval).Select(r => r.Id).Order(StringComparer.Ordinal))
        : null;
}
