using System.Net;
using System.Text.RegularExpressions;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// The command in a Teams message: the bot's own <c>&lt;at&gt;</c> mention removed, a mention of a person replaced by
/// <c>@{teams:&lt;AAD object id&gt;}</c> (the text <c>&lt;at&gt;Bob&lt;/at&gt;</c> carries only a name, the entity the id),
/// other tags reduced to their text, HTML entities decoded (Teams sends <c>&amp;amp;</c> and non-breaking spaces).
/// </summary>
public static partial class TeamsText
{
    public static string Command(TeamsActivity activity)
    {
        var text = activity.Text ?? string.Empty;
        foreach (var mention in Mentions(activity))
        {
            text = text.Replace(mention.Text, mention.IsBot ? " " : $" @{{teams:{mention.Id}}} ", StringComparison.Ordinal);
        }

        text = AtTag().Replace(text, "$1");
        text = WebUtility.HtmlDecode(Tag().Replace(text, " ")).Replace('\u00a0', ' ');
        return text.Trim();
    }

    /// <summary>The display names Teams gave for the people mentioned, by <c>teams:&lt;id&gt;</c> as <see cref="Command"/> writes them.</summary>
    public static IReadOnlyDictionary<string, string> MentionNames(TeamsActivity activity) =>
        Mentions(activity).Where(m => !m.IsBot && m.Name is { Length: > 0 })
            .GroupBy(m => m.Id, StringComparer.Ordinal)
            .ToDictionary(g => $"teams:{g.Key}", g => g.First().Name!, StringComparer.Ordinal);

    private static List<Mention> Mentions(TeamsActivity activity)
    {
        var mentions = new List<Mention>();
        if (!activity.Json.TryGetProperty("entities", out var entities) || entities.ValueKind != JsonValueKind.Array)
        {
            return mentions;
        }

        foreach (var entity in entities.EnumerateArray())
        {
            if (TeamsActivity.Get(entity, "type") != "mention" || TeamsActivity.Get(entity, "text") is not { Length: > 0 } text ||
                TeamsActivity.Get(entity, "mentioned", "id") is not { Length: > 0 } id)
            {
                continue;
            }

            var isBot = id == activity.RecipientId;
            // Commands run as the sender's AAD object id, so a mentioned person must be named by theirs too; the
            // channel-specific 29: id is kept as is and the user directory refuses it.
            var aad = TeamsActivity.Get(entity, "mentioned", "aadObjectId") is { Length: > 0 } objectId ? objectId : Unprefixed(id);
            mentions.Add(new Mention(text, isBot, Guid.TryParseExact(aad, "D", out var guid) ? guid.ToString("D") : id,
                TeamsActivity.Get(entity, "mentioned", "name")));
        }

        return mentions;
    }

    /// <summary>Some clients send the AAD object id as a Teams MRI, <c>8:orgid:&lt;guid&gt;</c>.</summary>
    private static string Unprefixed(string id) => id.StartsWith("8:orgid:", StringComparison.OrdinalIgnoreCase) ? id[8..] : id;

    private sealed record Mention(string Text, bool IsBot, string Id, string? Name);

    [GeneratedRegex("<at>(.*?)</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
