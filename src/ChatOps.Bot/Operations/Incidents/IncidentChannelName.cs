using System.Text;

namespace ChatOps.Bot.Operations.Incidents;

/// <summary>
/// <c>inc-&lt;year&gt;-&lt;seq&gt;-&lt;slug of title&gt;</c> within Slack's channel name rules: lowercase, at most 80
/// characters of <c>a-z 0-9 - _</c>. Letters with accents lose them; anything else becomes one dash.
/// </summary>
public static class IncidentChannelName
{
    public const int MaxLength = 80;

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
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_')
            {
                builder.Append(c);
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }
}
