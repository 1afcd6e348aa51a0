namespace ChatOps.Bot.Chat.Slack;

public sealed class SlackOptions
{
    public const string SectionName = "ChatOps:Slack";

    [Description("verifies Slack requests (Slack adapter)")]
    public string SigningSecret { get; set; } = string.Empty;

    [Description("`xoxb-…` token for the Web API (Slack adapter)")]
    public string BotToken { get; set; } = string.Empty;

    [Description("`xapp-…` token; set it to use Socket Mode (Slack adapter)")]
    public string AppToken { get; set; } = string.Empty;

    [Description("Web API base URL (tests point it at a loopback server)")]
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    [Description("workspaces whose requests are accepted")]
    public List<string> AllowedTeamIds { get; set; } = [];

    [Description("when set, audit lines also go to this channel")]
    public string AuditChannel { get; set; } = string.Empty;

    [Description("announcements channel for incidents")]
    public string IncidentsChannel { get; set; } = string.Empty;

    /// <summary>
    /// How long a slash command may run before Slack is answered "working on it" and the result goes to
    /// <c>response_url</c> instead. Slack gives up after 3 s; the rest is margin for the network.
    /// </summary>
    [Description("how long a slash command may run before Slack gets \"working on it\" and the answer goes to `response_url` (below 3 s)")]
    public TimeSpan AckBudget { get; set; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>How long one chart upload (the three calls of Slack's external upload) may take before the thread is told it failed.</summary>
    [Description("how long one chart upload to Slack may take before the conversation is told it was not attached")]
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long members of a user group (role bindings by <c>slack-group:S…</c>) are cached.</summary>
    [Description("how long Slack user-group members are cached for role bindings")]
    public TimeSpan GroupCacheExpiry { get; set; } = TimeSpan.FromMinutes(5);
}
