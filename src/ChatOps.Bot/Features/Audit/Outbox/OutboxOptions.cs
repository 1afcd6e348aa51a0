namespace ChatOps.Bot.Features.Audit.Outbox;

public sealed class OutboxOptions
{
    public const string SectionName = "ChatOps:Outbox";

    [Description("how often the outbox worker looks for due lines (it is also woken on every new line)")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Description("lines claimed per round (1–500)")]
    public int BatchSize { get; set; } = 20;

    [Description("how long a claimed line is reserved for one worker; the worker stops posting a fifth of the lease before it ends and gives the rest back, so a slow or rate-limited batch is never posted twice by two replicas")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    [Description("the longest wait between delivery attempts")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
