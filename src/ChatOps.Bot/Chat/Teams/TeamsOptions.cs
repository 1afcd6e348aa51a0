namespace ChatOps.Bot.Chat.Teams;

public sealed class TeamsOptions
{
    public const string SectionName = "ChatOps:Teams";

    [Description("the Bot Framework app id (Teams adapter)")]
    public string AppId { get; set; } = string.Empty;

    [Description("the Bot Framework app password: the client secret the bot's own tokens are requested with")]
    public string AppPassword { get; set; } = string.Empty;

    [Description("a single-tenant bot's tenant: its requests are accepted and tokens are requested from it")]
    public string TenantId { get; set; } = string.Empty;

    [Description("tenants whose requests are accepted")]
    public List<string> AllowedTenantIds { get; set; } = [];

    [Description("where the JWT signing keys of incoming requests are published (Bot Framework's)")]
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    [Description("client-credentials token endpoint for the bot's outgoing calls (Bot Framework's)")]
    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    [Description("when set, audit lines also go to this conversation")]
    public string AuditConversationId { get; set; } = string.Empty;

    /// <summary>Where incident announcements go on Teams (a channel conversation the bot was added to).</summary>
    [Description("announcements conversation for incidents on Teams (a channel the bot was added to)")]
    public string IncidentsConversationId { get; set; } = string.Empty;

    [Description("Microsoft Graph, read for `teams-group:` subjects (Entra group membership)")]
    public GraphOptions Graph { get; set; } = new();
}
