namespace ChatOps.Bot.Chat.Slack;

public sealed class SlackOptions
{
    public const string SectionName = "ChatOps:Slack";

    public string SigningSecret { get; set; } = string.Empty;

    public string BotToken { get; set; } = string.Empty;

    public string AppToken { get; set; } = string.Empty;

    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    public List<string> AllowedTeamIds { get; set; } = [];

    public string AuditChannel { get; set; } = string.Empty;

    public string IncidentsChannel { get; set; } = string.Empty;

    /// <summary>
    /// How long a slash command may run before Slack is answered "working on it" and the result goes to
    /// <c>response_url</c> instead. Slack gives up after 3 s; the rest is margin for the network.
    /// </summary>
    public TimeSpan AckBudget { get; set; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>How long members of a user group (role bindings by <c>slack-group:S…</c>) are cached.</summary>
    public TimeSpan GroupCacheExpiry { get; set; } = TimeSpan.FromMinutes(5);
}
