using ChatOps.Bot.Core;

namespace ChatOps.Bot.Features.Incidents;

/// <summary>What a <c>--commander</c> or <c>--lead</c> argument says: a platform user id (maybe of a named platform) or only a name.</summary>
public sealed record UserReference(string? Platform, string Value, bool IsId, string? NameHint);

/// <summary>
/// People on incidents are stored as platform-qualified ids (<c>slack:U123</c>, <c>teams:&lt;AAD object id&gt;</c>,
/// <c>console:bob</c>) — the same form as <see cref="ChatContext.Subject"/> — with a display name beside them.
/// Names are display text, never identity: <see cref="Is"/> matches the id only.
/// </summary>
public static class IncidentUsers
{
    public const string ConsolePlatform = "console";

    /// <summary>
    /// <c>@{teams:id}</c> (what the Teams adapter makes of a mention) names a platform and id; <c>&lt;@U123&gt;</c> or
    /// <c>&lt;@U123|name&gt;</c> (a Slack mention) an id on the incident's platform; <c>@name</c> or <c>name</c> only a name.
    /// </summary>
    public static UserReference? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        if (value.StartsWith("@{", StringComparison.Ordinal) && value.EndsWith('}'))
        {
            var inner = value[2..^1];
            var colon = inner.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && colon < inner.Length - 1 ? new UserReference(inner[..colon], inner[(colon + 1)..], true, null) : null;
        }

        if (value.StartsWith("<@", StringComparison.Ordinal) && value.EndsWith('>'))
        {
            var inner = value[2..^1];
            var bar = inner.IndexOf('|', StringComparison.Ordinal);
            var id = bar >= 0 ? inner[..bar] : inner;
            var hint = bar >= 0 && bar < inner.Length - 1 ? inner[(bar + 1)..] : null;
            return id.Length == 0 ? null : new UserReference(null, id, true, hint);
        }

        value = value.TrimStart('@');
        return value.Length == 0 ? null : new UserReference(null, value, false, value);
    }

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
