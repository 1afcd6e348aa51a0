namespace ChatOps.Bot.Features.Audit.Outbox;

public sealed class OutboxOptions
{
    public const string SectionName = "ChatOps:Outbox";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 20;

    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
