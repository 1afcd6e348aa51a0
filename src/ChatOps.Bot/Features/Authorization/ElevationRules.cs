namespace ChatOps.Bot.Features.Authorization;

public enum ElevationVerdict
{
    Grant,
    NeedsApproval,
    Refuse,
}

/// <summary>What an <c>elevate</c> asks for, and what is known about who asks.</summary>
public sealed record ElevationAsk(string Subject, IReadOnlyCollection<string> Groups, Role HighestRole, Role Role, TimeSpan Duration);

/// <summary>The elevation policy, pure: who may ask, for how long, self-granted or approved. One line per refusal.</summary>
public static class ElevationRules
{
    private const string Section = "ChatOps:Policies:Elevation";

    public static (ElevationVerdict Verdict, string Text) Judge(ElevationAsk ask, ElevationOptions options)
    {
        var listed = options.Requesters.Contains(ask.Subject, StringComparer.Ordinal) || options.Requesters.Intersect(ask.Groups, StringComparer.Ordinal).Any();
        var byRole = options.MinimumRole is { } min && min > Role.None && ask.HighestRole >= min;
        if (!listed && !byRole)
        {
            return (ElevationVerdict.Refuse, $"refused: {ask.Subject} may not ask for elevation ({Section}:Requesters, MinimumRole); nothing was granted");
        }

        if (ask.Role <= Role.None)
        {
            return (ElevationVerdict.Refuse, "refused: elevate to viewer, operator or admin; nothing was granted");
        }

        if (ask.Duration <= TimeSpan.Zero)
        {
            return (ElevationVerdict.Refuse, "refused: an elevation must last more than zero; nothing was granted");
        }

        if (ask.Duration > options.MaxDuration)
        {
            return (ElevationVerdict.Refuse,
                $"refused: {Durations(ask.Duration)} is above the maximum of {Durations(options.MaxDuration)} ({Section}:MaxDuration); nothing was granted");
        }

        return options.SelfGrant
            ? (ElevationVerdict.Grant, $"{ask.Subject} may elevate themselves ({Section}:SelfGrant)")
            : (ElevationVerdict.NeedsApproval, $"elevation needs one approval by someone else holding that role ({Section}:SelfGrant is off)");
    }

    private static string Durations(TimeSpan span) => span.TotalMinutes >= 60 && span.Minutes == 0 ? $"{(int)span.TotalHours}h" : $"{(int)span.TotalMinutes}m";
}
