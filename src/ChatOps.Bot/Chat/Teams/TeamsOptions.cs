namespace ChatOps.Bot.Chat.Teams;

public sealed class TeamsOptions
{
    public const string SectionName = "ChatOps:Teams";

    public string AppId { get; set; } = string.Empty;

    public string AppPassword { get; set; } = string.Empty;

    public string TenantId { get; set; } = string.Empty;

    public List<string> AllowedTenantIds { get; set; } = [];

    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    public string AuditConversationId { get; set; } = string.Empty;

    /// <summary>Where incident announcements go on Teams (a channel conversation the bot was added to).</summary>
    public string IncidentsConversationId { get; set; } = string.Empty;
}
