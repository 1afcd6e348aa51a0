namespace ChatOps.Bot.Dispatch;

/// <summary>
/// Admission control: how many commands may run at once. Beyond it a command is answered "busy" at once and never
/// queued, so memory and latency stay bounded however much is offered (issue 19).
/// </summary>
public sealed class DispatchOptions
{
    public const string SectionName = "ChatOps:Dispatch";

    [Description("commands that may run at once, all platforms together; beyond it a command is answered \"the bot is busy\" at once (never queued), audited as `refused: overloaded`, and the Alertmanager webhook answers 503 (1–100000)")]
    public int MaxInFlight { get; set; } = 256;

    [Description("the `Retry-After` the Alertmanager webhook sends with its 503 while the bot is busy")]
    public TimeSpan BusyRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
