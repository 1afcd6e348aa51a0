namespace ChatOps.Bot.Features.BreakGlass;

/// <summary>How elevations read in chat, the same in <c>elevate</c>, <c>elevate list</c> and <c>whoami</c>.</summary>
public static class ElevationText
{
    public static string Line(Elevation e) =>
        $"{e.Id}: {RolePolicy.Describe(e.Role)} {e.AsGrant().Where} until {ApprovalText.Time(e.ExpiresAt)}, reason: {e.Reason}" +
        (e.Incident is null ? string.Empty : $", for {e.Incident}") +
        (string.Equals(e.GrantedBy, e.Subject, StringComparison.Ordinal) ? " (self-granted)" : $" (approved by {e.GrantedBy})");

    /// <summary>
    /// <c>target</c> or <c>target/namespace</c>, each a DNS-style name; null scope means everywhere. False with the
    /// refusal when it is neither.
    /// </summary>
    public static bool TryScope(string? text, out TargetScope scope, out string? error)
    {
        scope = TargetScope.Global;
        error = null;
        if (text is null)
        {
            return true;
        }

        var parts = text.Split('/');
        if (parts.Length is < 1 or > 2 || !parts.All(Names.IsDns1123Subdomain))
        {
            error = $"--scope must be a target or target/namespace such as prod-eks/shop, not '{Truncate(text)}'; nothing was granted";
            return false;
        }

        scope = new TargetScope(parts[0], parts.Length == 2 ? parts[1] : null);
        return true;
    }

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
