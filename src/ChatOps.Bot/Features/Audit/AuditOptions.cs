namespace ChatOps.Bot.Features.Audit;

public sealed class AuditOptions
{
    public const string SectionName = "ChatOps:Audit";

    /// <summary>
    /// Where audit-channel lines go, as <c>platform[:channel]</c>: <c>log</c> writes them to the bot's log.
    /// <c>ChatOps:Slack:AuditChannel</c> and <c>ChatOps:Teams:AuditConversationId</c> add their platform when set.
    /// Empty means <c>log</c>. (No default items here: the binder appends configured items to them.)
    /// </summary>
    [Description("where audit-channel lines go: `log` (the bot's log), `slack:<channel>`, `teams:<conversation>`; empty means `log`")]
    public List<string> Destinations { get; set; } = [];

    /// <summary>Security-relevant lines (break-glass grants, revokes and expiries) go here too, so whoever watches access sees them.</summary>
    [Description("where break-glass grants, revokes and expiries are also announced, as `slack:<channel>` or `teams:<conversation>`; unset: only the audit destinations")]
    public string? SecurityChannel { get; set; }

    /// <summary>
    /// How many audit records may wait in memory while the store is down (each command reserves one slot before it
    /// runs); when they fill it, commands are refused. See docs/decisions/0005.
    /// </summary>
    [Description("audit records that may wait in memory while the audit store is down (read-only answers, refusals, outcomes; one slot reserved per running command); when full, commands are refused (1–1000000, see docs/decisions/0008)")]
    public int PendingLimit { get; set; } = 10_000;

    /// <summary>How often held audit records are retried when no command comes along to do it.</summary>
    [Description("how often held audit records are retried when no command arrives")]
    public TimeSpan PendingFlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A request still only <c>Started</c> this long after it began is taken as orphaned (its process ended) by the
    /// sweep that runs at start-up and then every <see cref="OrphanSweepInterval"/>. Longer than any command may run,
    /// because replicas sharing a PostgreSQL store must not mark each other's running commands.
    /// </summary>
    [Description("a command still only \"started\" this long after it began is marked \"outcome unknown (process ended)\" by the orphan sweep; keep it above the longest command, since replicas share the store")]
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromMinutes(15);

    [Description("how often the orphan sweep runs after its first run at start-up")]
    public TimeSpan OrphanSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// HMAC keys of the audit chain (secrets: set them from Vault or the environment, never in a committed file).
    /// Empty means a local key file next to the SQLite store; the PostgreSQL store needs them set, since replicas
    /// must share the key. Keep a retired key listed for as long as records written with it must verify.
    /// </summary>
    [Description("HMAC keys of the audit chain; empty: a local key file next to the SQLite store; required with PostgreSQL, since replicas share the key. Keep a retired key listed as long as its records must verify")]
    public List<AuditChainKeyOptions> ChainKeys { get; set; } = [];

    /// <summary>The <see cref="AuditChainKeyOptions.Id"/> new records are keyed with.</summary>
    [Description("the `Id` of the chain key new records are written with; older keys stay listed so their records verify")]
    public string ActiveKeyId { get; set; } = string.Empty;

    /// <summary>How often the chain head is posted to the audit channel (only when it moved), and at shutdown.</summary>
    [Description("how often the chain head is posted to the audit channel and the log (only when it moved; also at shutdown)")]
    public TimeSpan HeadInterval { get; set; } = TimeSpan.FromMinutes(15);
}
