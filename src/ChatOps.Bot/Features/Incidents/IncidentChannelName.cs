namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// <c>inc-&lt;year&gt;-&lt;seq&gt;-&lt;slug of title&gt;</c> within Slack's channel name rules: lowercase, at most 80
/// characters of <c>a-z 0-9 - _</c>. Latin letters lose their accents; anything else becomes one dash.
/// </summary>
public static class IncidentChannelName
{
    public const int MaxLength = 80;

    /// <summary>
    /// The bot runs with invariant globalization (no ICU), where string normalization cannot strip accents, so the
    /// common Latin ones are mapped by hand.
    /// </summary>
    private const string Accented = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿ";

    private const string Plain = "aaaaaaceeeeiiiinoooooouuuuyy";

    public static string For(string incidentId, string title)
    {
        var prefix = incidentId.ToLowerInvariant();
        var slug = Slug(title);
        var name = slug.Length == 0 ? prefix : $"{prefix}-{slug}";
        return name.Length <= MaxLength ? name : name[..MaxLength].TrimEnd('-', '_');
    }

    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var raw in text.ToLowerInvariant())
        {
            var accent = Accented.IndexOf(raw, StringComparison.Ordinal);
            var c = accent >= 0 ? Plain[accent] : raw;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_')
            {
                builder.Append(c);
            }
            else if (c == 'ß')
            {
                builder.Append("ss");
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }
}
