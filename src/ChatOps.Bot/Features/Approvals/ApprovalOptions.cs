namespace ChatOps.Bot.Features.Approvals;

public sealed class ApprovalOptions
{
    public const string SectionName = "ChatOps:Approvals";

    public TimeSpan ExpiresAfter { get; set; } = TimeSpan.FromMinutes(10);

    public int RequiredApprovers { get; set; } = 1;

    /// <summary>
    /// Commands that need approval on production targets even when their arguments are not dangerous, e.g.
    /// <c>["rollout undo", "rollout restart"]</c>. Only commands that can ask for approval may be listed.
    /// </summary>
    public List<string> Commands { get; set; } = [];
}
