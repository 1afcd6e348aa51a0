namespace ChatOps.Bot.Configuration;

public sealed class AuditOptions
{
    public const string SectionName = "ChatOps:Audit";

    /// <summary>
    /// Where audit-channel lines go, as <c>platform[:channel]</c>: <c>log</c> writes them to the bot's log.
    /// <c>ChatOps:Slack:AuditChannel</c> and <c>ChatOps:Teams:AuditConversationId</c> add their platform when set.
    /// Empty means <c>log</c>. (No default items here: the binder appends configured items to them.)
    /// </summary>
    public List<string> Destinations { get; set; } = [];
}

public sealed class OutboxOptions
{
    public const string SectionName = "ChatOps:Outbox";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 20;

    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
