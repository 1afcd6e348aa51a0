namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// People on incidents are stored as platform-qualified ids (<c>slack:U123</c>, <c>teams:&lt;AAD object id&gt;</c>,
/// <c>console:bob</c>) — the same form as <see cref="ChatContext.Subject"/> — with a display name beside them.
/// Names are display text, never identity: <see cref="Is"/> matches the id only.
/// </summary>
public static class IncidentUsers
{
    public const string ConsolePlatform = "console";

    /// <summary>Who may be named on an incident of this platform: console users on <c>log</c> incidents, else the platform's own.</summary>
    public static string UserPlatform(string incidentPlatform) =>
        incidentPlatform.Length == 0 || incidentPlatform == IncidentPlatforms.LogPlatform ? ConsolePlatform : incidentPlatform;

    public static string Key(string platform, string id) => $"{platform}:{id}";

    /// <summary>The platform's own id in a stored key (<c>U123</c> of <c>slack:U123</c>); a legacy bare value is returned as is.</summary>
    public static string LocalId(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? key[(colon + 1)..] : key;
    }

    /// <summary>Whether the requester is this person: same platform and same immutable id. Display names never match.</summary>
    public static bool Is(ChatContext context, string key) => string.Equals(key, context.Subject, StringComparison.Ordinal);

    public static string Show(string name) => "@" + name;
}
