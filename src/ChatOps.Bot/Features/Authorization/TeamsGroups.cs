namespace ChatOps.Bot.Features.Authorization;

/// <summary><c>teams-group:&lt;Entra group object id&gt;</c> subjects: the id is a GUID, so a display name or a typo is caught at start.</summary>
public static class TeamsGroups
{
    public const string Prefix = "teams-group:";

    /// <summary>Whether <paramref name="subject"/> is not a Teams group subject at all, or is one with a GUID.</summary>
    public static bool WellFormedIfOne(string subject) =>
        !subject.StartsWith(Prefix, StringComparison.Ordinal) || Guid.TryParseExact(subject[Prefix.Length..], "D", out _);

    public const string Form = "teams-group:<Entra group object id, e.g. 0f8fad5b-d9cb-469f-a165-70867728950e>";
}
