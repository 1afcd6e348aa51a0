using System.Text.Json.Nodes;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>
/// What a Slack message shows a reader: its notification text, then the text of each block in order. A card's
/// tables and fields are in its blocks, not in the notification text, which is a summary.
/// </summary>
internal static class SlackShown
{
    public static string Of(JsonNode message) =>
        string.Join('\n', Texts(message["text"]).Concat(Texts(message["blocks"])));

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        JsonArray array => array.SelectMany(Texts),
        JsonObject block => block.Where(p => p.Key is "text" or "fields" or "elements").SelectMany(p => Texts(p.Value)),
        _ => [],
    };
}
