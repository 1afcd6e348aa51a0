using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Features.Incidents;

namespace ChatOps.Bot.Chat;

internal sealed class PlatformOptionsValidator :
    IValidateOptions<SlackOptions>, IValidateOptions<TeamsOptions>, IValidateOptions<IncidentOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var e = new OptionsErrors();
        const string s = SlackOptions.SectionName;
        e.Url(options.ApiBaseUrl, $"{s}:ApiBaseUrl");
        e.Check(options.AckBudget > TimeSpan.Zero && options.AckBudget < TimeSpan.FromSeconds(3), $"{s}:AckBudget", "must be between 0 and 00:00:03 (Slack's limit)");
        e.Check(options.GroupCacheExpiry >= TimeSpan.Zero, $"{s}:GroupCacheExpiry", "must not be negative");
        e.Check(options.UploadTimeout > TimeSpan.Zero && options.UploadTimeout <= TimeSpan.FromMinutes(10), $"{s}:UploadTimeout", "must be between 0 and 00:10:00");
        e.Check(options.BotToken.Length == 0 || options.BotToken.StartsWith("xox", StringComparison.Ordinal), $"{s}:BotToken", "must be a bot token (xoxb-…)");
        e.Check(options.AppToken.Length == 0 || options.AppToken.StartsWith("xapp-", StringComparison.Ordinal), $"{s}:AppToken", "must be an app-level token (xapp-…)");
        return e.Result;
    }

    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var e = new OptionsErrors();
        e.Url(options.OpenIdMetadataUrl, $"{TeamsOptions.SectionName}:OpenIdMetadataUrl");
        e.Url(options.TokenEndpoint, $"{TeamsOptions.SectionName}:TokenEndpoint");
        const string g = $"{TeamsOptions.SectionName}:Graph";
        e.Check(options.Graph.BaseUrl.Length > 0, $"{g}:BaseUrl", "must be set (https://graph.microsoft.com/)");
        e.Url(options.Graph.BaseUrl, $"{g}:BaseUrl");
        e.Check(options.Graph.LoginUrl.Length > 0, $"{g}:LoginUrl", "must be set (https://login.microsoftonline.com/)");
        e.Url(options.Graph.LoginUrl, $"{g}:LoginUrl");
        e.Check(options.Graph.GroupCacheExpiry >= TimeSpan.Zero, $"{g}:GroupCacheExpiry", "must not be negative");
        return e.Result;
    }

    public ValidateOptionsResult Validate(string? name, IncidentOptions options)
    {
        var e = new OptionsErrors();
        foreach (var (severity, value) in options.Severities)
        {
            e.Check(
                value == "next-business-day" || TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero,
                $"{IncidentOptions.SectionName}:Severities:{severity}",
                $"'{value}' must be a positive time span (00:15:00) or next-business-day");
        }

        const string i = IncidentOptions.SectionName;
        e.Check(options.EscalateAfter > TimeSpan.Zero && options.EscalateAfter <= TimeSpan.FromDays(7), $"{i}:EscalateAfter", "must be between 00:00:01 and 7.00:00:00");
        e.Check(options.PollInterval >= TimeSpan.FromSeconds(1) && options.PollInterval <= TimeSpan.FromMinutes(5), $"{i}:PollInterval", "must be between 00:00:01 and 00:05:00");
        for (var n = 0; n < options.Responders.Count; n++)
        {
            var responder = options.Responders[n];
            var colon = responder.IndexOf(':', StringComparison.Ordinal);
            e.Check(colon > 0 && colon < responder.Length - 1, $"{i}:Responders:{n}", $"'{responder}' must be platform:user-id, e.g. slack:U0123");
        }

        return e.Result;
    }
}
