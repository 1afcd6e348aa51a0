namespace ChatOps.Bot.Parsing;

/// <summary>What a <c>--commander</c> or <c>--lead</c> argument says: a platform user id (maybe of a named platform) or only a name.</summary>
public sealed record UserReference(string? Platform, string Value, bool IsId, string? NameHint);

/// <summary>
/// The forms a person takes in a command, on every platform (the console accepts them too): <c>@{teams:id}</c> (what
/// the Teams adapter makes of a mention) names a platform and id; <c>&lt;@U123&gt;</c> or <c>&lt;@U123|name&gt;</c>
/// (a mention as Slack delivers it) an id on the incident's platform; <c>@name</c> or <c>name</c> only a name.
/// They belong to the command language, so features read people without knowing any platform's mention syntax.
/// </summary>
public static class UserToken
{
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
}
