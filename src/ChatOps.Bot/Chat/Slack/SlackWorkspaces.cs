namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// Requests from workspaces not listed in <c>ChatOps:Slack:AllowedTeamIds</c> are refused. An empty list refuses
/// every workspace: a bot that can change production must be told explicitly whom to listen to.
/// </summary>
public static class SlackWorkspaces
{
    public static bool IsAllowed(SlackOptions options, string? teamId) =>
        !string.IsNullOrEmpty(teamId) && options.AllowedTeamIds.Contains(teamId, StringComparer.Ordinal);
}
