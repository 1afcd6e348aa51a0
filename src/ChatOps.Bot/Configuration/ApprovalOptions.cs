namespace ChatOps.Bot.Configuration;

public sealed class ApprovalOptions
{
    public const string SectionName = "ChatOps:Approvals";

    public TimeSpan ExpiresAfter { get; set; } = TimeSpan.FromMinutes(10);

    public int RequiredApprovers { get; set; } = 1;
}
