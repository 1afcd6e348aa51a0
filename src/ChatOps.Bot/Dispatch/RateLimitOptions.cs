namespace ChatOps.Bot.Dispatch;

/// <summary>
/// Abuse limits on chat commands, per person: <see cref="PerUser"/> counts every command a user runs,
/// <see cref="PerCommand"/> (keyed by command name, <c>db kill</c> or <c>db-kill</c>) counts one command per user.
/// Both must allow a command. The local console is never limited.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "ChatOps:RateLimits";

    [Description("commands one person (`slack:U…`, `teams:<aad id>`) may run per fixed window, all commands together; the console is not limited")]
    public RateLimitRule PerUser { get; set; } = new();

    [MapKey("command")]
    [Description("a tighter limit on one command per person, keyed by the command with dashes or spaces between the words, e.g. `ChatOps__RateLimits__PerCommand__db-kill__PermitLimit=5`; both limits must allow a command")]
    public Dictionary<string, RateLimitRule> PerCommand { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary><see cref="PermitLimit"/> commands per fixed <see cref="Window"/>.</summary>
public sealed class RateLimitRule
{
    [Description("commands allowed per window")]
    public int PermitLimit { get; set; } = 30;

    [Description("the fixed window the commands are counted in")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
