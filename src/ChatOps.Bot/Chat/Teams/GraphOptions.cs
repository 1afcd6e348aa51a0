namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// Microsoft Graph, for the Entra groups <c>teams-group:</c> subjects name. The app may be the bot's own registration
/// (the defaults) or a separate one; either way it needs the application permissions User.Read.All and
/// GroupMember.Read.All with admin consent.
/// </summary>
public sealed class GraphOptions
{
    [Description("Entra tenant (id) whose groups `teams-group:` subjects name; empty: ChatOps:Teams:TenantId")]
    public string TenantId { get; set; } = string.Empty;

    [Description("app (client) id with the Graph application permissions User.Read.All and GroupMember.Read.All; empty: ChatOps:Teams:AppId")]
    public string ClientId { get; set; } = string.Empty;

    [Description("that app's client secret; empty: ChatOps:Teams:AppPassword")]
    public string ClientSecret { get; set; } = string.Empty;

    [Description("Microsoft Graph's base URL (`v1.0/` is appended)")]
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/";

    [Description("Entra ID's login base URL; app tokens come from `{LoginUrl}{tenant}/oauth2/v2.0/token`")]
    public string LoginUrl { get; set; } = "https://login.microsoftonline.com/";

    [Description("how long a Teams user's Entra group memberships are cached")]
    public TimeSpan GroupCacheExpiry { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>The tenant and app credentials Graph is called with, after the fallbacks to the bot's own.</summary>
public sealed record GraphCredentials(string TenantId, string ClientId, string ClientSecret)
{
    /// <summary>Null when any of the three is missing: then no <c>teams-group:</c> subject can be checked.</summary>
    public static GraphCredentials? From(TeamsOptions teams)
    {
        ArgumentNullException.ThrowIfNull(teams);
        var g = teams.Graph;
        var tenant = Either(g.TenantId, teams.TenantId);
        var client = Either(g.ClientId, teams.AppId);
        var secret = Either(g.ClientSecret, teams.AppPassword);
        return tenant.Length > 0 && client.Length > 0 && secret.Length > 0 ? new GraphCredentials(tenant, client, secret) : null;
    }

    // The secret stays out of ToString, so a logged record or exception never carries it.
    public override string ToString() => $"tenant {TenantId}, client {ClientId}";

    private static string Either(string own, string bots) => own.Trim().Length > 0 ? own.Trim() : bots.Trim();
}
