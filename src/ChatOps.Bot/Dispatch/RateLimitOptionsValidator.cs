namespace ChatOps.Bot.Dispatch;

internal sealed class RateLimitOptionsValidator(CommandRegistry commands) : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var e = new OptionsErrors();
        const string s = RateLimitOptions.SectionName;
        Check(e, options.PerUser, $"{s}:PerUser");
        foreach (var (command, rule) in options.PerCommand)
        {
            e.Check(
                commands.Commands.Any(c => RateLimitKeys.Same(c.Name, command)),
                $"{s}:PerCommand:{command}",
                "is not a command (see `help`)");
            Check(e, rule, $"{s}:PerCommand:{command}");
        }

        return e.Result;
    }

    private static void Check(OptionsErrors e, RateLimitRule rule, string key)
    {
        e.Check(rule.PermitLimit is >= 1 and <= 100_000, $"{key}:PermitLimit", "must be between 1 and 100000");
        e.Check(rule.Window >= TimeSpan.FromSeconds(1) && rule.Window <= TimeSpan.FromDays(1), $"{key}:Window", "must be between 00:00:01 and 1.00:00:00");
    }
}

/// <summary>Command names in configuration keys: spaces are awkward in environment variables, so dashes work too.</summary>
internal static class RateLimitKeys
{
    public static string Normalize(string command) => command.Trim().Replace(' ', '-').ToLowerInvariant();

    public static bool Same(string a, string b) => Normalize(a) == Normalize(b);
}
