namespace ChatOps.Bot.Features.Approvals;

public sealed class ApprovalOptions
{
    public const string SectionName = "ChatOps:Approvals";

    [Description("how long a pending approval stays valid (1 minute to 1 day)")]
    public TimeSpan ExpiresAfter { get; set; } = TimeSpan.FromMinutes(10);

    [Description("approvals needed besides the requester (1–5)")]
    public int RequiredApprovers { get; set; } = 1;

    /// <summary>
    /// Commands that need approval on production targets even when their arguments are not dangerous, e.g.
    /// <c>["rollout undo", "rollout restart"]</c>. Only commands that can ask for approval may be listed.
    /// </summary>
    [Description("commands that need approval on production targets even when not dangerous by themselves, e.g. `[\"rollout undo\", \"rollout restart\", \"hpa\"]`; a `--dry-run` preview never needs approval")]
    public List<string> Commands { get; set; } = [];
}
