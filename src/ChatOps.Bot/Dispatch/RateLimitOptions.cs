namespace ChatOps.Bot.Dispatch;

/// <summary>
/// Abuse limits on chat commands, per person: <see cref="PerUser"/> counts every command a user runs,
/// <see cref="PerCommand"/> (keyed by command name, <c>db kill</c> or <c>db-kill</c>) counts one command per user.
/// Both must allow a command. The local console is never limited.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "ChatOps:RateLimits";

    public RateLimitRule PerUser { get; set; } = new();

    public Dictionary<string, RateLimitRule> PerCommand { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary><see cref="PermitLimit"/> commands per fixed <see cref="Window"/>.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
