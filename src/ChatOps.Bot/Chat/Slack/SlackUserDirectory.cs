namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// Slack people by user id, checked with <c>users.info</c>: an id Slack does not know, or a deactivated account,
/// is nobody. The name shown is the profile's display name, else the real name, else the user name.
/// </summary>
public sealed class SlackUserDirectory(SlackApiClient api) : IUserDirectory
{
    public string Platform => SlackCommandHandler.Platform;

    public async Task<DirectoryUser?> FindAsync(string id, CancellationToken cancellationToken)
    {
        // Slack decides what an id is; text that cannot be one is not worth a call.
        if (id.Length is 0 or > 64 || id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return null;
        }

        JsonElement user;
        try
        {
            user = await api.UserInfoAsync(id, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error is "user_not_found" or "users_not_found")
        {
            return null;
        }

        if (user.TryGetProperty("deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True)
        {
            return null;
        }

        var name = Text(user, "profile", "display_name") ?? Text(user, "real_name") ?? Text(user, "name");
        return new DirectoryUser(Text(user, "id") ?? id, name);
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text ? text : null;
    }
}
