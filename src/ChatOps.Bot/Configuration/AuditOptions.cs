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

    /// <summary>
    /// How many audit records may wait in memory while the store is down (each command reserves one slot before it
    /// runs); when they fill it, commands are refused. See docs/decisions/0005.
    /// </summary>
    public int PendingLimit { get; set; } = 10_000;

    /// <summary>How often held audit records are retried when no command comes along to do it.</summary>
    public TimeSpan PendingFlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A request still only <c>Started</c> this long after it began is taken as orphaned (its process ended) by the
    /// sweep that runs at start-up and then every <see cref="OrphanSweepInterval"/>. Longer than any command may run,
    /// because replicas sharing a PostgreSQL store must not mark each other's running commands.
    /// </summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan OrphanSweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class OutboxOptions
{
    public const string SectionName = "ChatOps:Outbox";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 20;

    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
