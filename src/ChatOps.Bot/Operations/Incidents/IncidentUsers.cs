namespace ChatOps.Bot.Operations.Incidents;

/// <summary>
/// <c>@name</c>, Slack's <c>&lt;@U123&gt;</c> (or <c>&lt;@U123|name&gt;</c>) and a plain id all become the bare
/// reference. The bot has no user directory yet, so a reference matches a person by platform user id or user name.
/// </summary>
public static class IncidentUsers
{
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        if (value.StartsWith("<@", StringComparison.Ordinal) && value.EndsWith('>'))
        {
            value = value[2..^1];
            var bar = value.IndexOf('|', StringComparison.Ordinal);
            value = bar >= 0 ? value[..bar] : value;
        }

        value = value.TrimStart('@');
        return value.Length == 0 ? null : value;
    }

    public static bool Is(ChatContext context, string reference) =>
        string.Equals(reference, context.UserId, StringComparison.Ordinal) ||
        string.Equals(reference, context.UserName, StringComparison.OrdinalIgnoreCase);

    public static string Show(string reference) => "@" + reference;
}
