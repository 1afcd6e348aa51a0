namespace ChatOps.Bot.Chat.Teams;

/// <summary>The fields of a Bot Framework activity the adapter reads; everything else in the JSON is ignored.</summary>
public sealed record TeamsActivity(JsonElement Json)
{
    public string Type => Str("type") ?? string.Empty;

    public string? Id => Str("id");

    public string? ServiceUrl => Str("serviceUrl");

    public string? ChannelId => Str("channelId");

    public string? Name => Str("name");

    public string? Text => Str("text");

    public string? ReplyToId => Str("replyToId");

    public string? FromName => Str("from", "name");

    public string? FromAadObjectId => Str("from", "aadObjectId");

    public string? RecipientId => Str("recipient", "id");

    public string? ConversationId => Str("conversation", "id");

    public string? ConversationType => Str("conversation", "conversationType");

    /// <summary>Teams puts the tenant on the conversation and in channelData; either will do.</summary>
    public string? TenantId => Str("conversation", "tenantId") ?? Str("channelData", "tenant", "id");

    public JsonElement Value => Json.TryGetProperty("value", out var value) ? value : default;

    public static TeamsActivity? Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object ? new TeamsActivity(root) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The ids listed in <c>membersAdded</c> or <c>membersRemoved</c>.</summary>
    public IReadOnlyList<string> Members(string list) =>
        Json.TryGetProperty(list, out var members) && members.ValueKind == JsonValueKind.Array
            ? members.EnumerateArray().Select(m => Get(m, "id")).OfType<string>().ToList()
            : [];

    public string? Str(params string[] path) => Get(Json, path);

    public static string? Get(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
