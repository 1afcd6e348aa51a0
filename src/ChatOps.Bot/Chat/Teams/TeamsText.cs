using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// The command in a Teams message: the bot's own <c>&lt;at&gt;</c> mention removed, other mentions reduced to their
/// names, HTML entities decoded (Teams sends <c>&amp;amp;</c> and non-breaking spaces).
/// </summary>
public static partial class TeamsText
{
    public static string Command(TeamsActivity activity)
    {
        var text = activity.Text ?? string.Empty;
        if (activity.Json.TryGetProperty("entities", out var entities) && entities.ValueKind == JsonValueKind.Array)
        {
            foreach (var entity in entities.EnumerateArray())
            {
                if (TeamsActivity.Get(entity, "type") == "mention" &&
                    TeamsActivity.Get(entity, "mentioned", "id") == activity.RecipientId &&
                    TeamsActivity.Get(entity, "text") is { Length: > 0 } mention)
                {
                    text = text.Replace(mention, " ", StringComparison.Ordinal);
                }
            }
        }

        text = AtTag().Replace(text, "$1");
        text = WebUtility.HtmlDecode(Tag().Replace(text, " ")).Replace('\u00a0', ' ');
        return text.Trim();
    }

    [GeneratedRegex("<at>(.*?)</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
