namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// "Not that often": at most <see cref="Max"/> of <see cref="Commands"/> within <see cref="Window"/>, counted per
/// <see cref="Per"/> from the audit log, which every replica shares, so two replicas see the same count.
/// </summary>
public sealed class CommandRateOptions
{
    [Description("the rule's name, shown in every refusal (unique)")]
    public string Name { get; set; } = string.Empty;

    [Description("mutating commands it counts together, e.g. `[\"rollout undo\"]`")]
    public List<string> Commands { get; set; } = [];

    [Description("how far back runs count, e.g. `00:10:00`")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    [Description("most runs within the window; the next one is refused")]
    public int Max { get; set; } = 3;

    [Description("what one count covers: `Target` (a cluster, database or broker), `Namespace` (target and namespace) or `Object` (one deployment, queue … in its namespace)")]
    public RatePer Per { get; set; } = RatePer.Object;
}

public enum RatePer
{
    Target,
    Namespace,
    Object,
}
