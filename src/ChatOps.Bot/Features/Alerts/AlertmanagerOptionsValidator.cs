using ChatOps.Bot.Features.Incidents;

namespace ChatOps.Bot.Features.Alerts;

internal sealed class AlertmanagerOptionsValidator : IValidateOptions<AlertmanagerOptions>
{
    private static readonly string[] Platforms = ["log", "slack", "teams"];

    public ValidateOptionsResult Validate(string? name, AlertmanagerOptions options)
    {
        var e = new OptionsErrors();
        const string s = AlertmanagerOptions.SectionName;
        var platform = options.Channel.Split(':', 2)[0];
        e.Check(
            options.BearerToken.Length == 0 || Platforms.Contains(platform, StringComparer.Ordinal) && (platform == "log" || options.Channel.Length > platform.Length + 1),
            $"{s}:Channel",
            $"'{options.Channel}' must be slack:<channel>, teams:<conversation> or log when BearerToken is set");
        e.Check(options.ScaleStep is >= 1 and <= 100, $"{s}:ScaleStep", $"{options.ScaleStep} must be between 1 and 100");
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            e.Check(rule.Match.Count > 0, $"{s}:Rules:{i}:Match", "needs at least one label, e.g. severity: critical");
            e.Check(
                IncidentSchedule.NormalizeSeverity(rule.Severity) is not null,
                $"{s}:Rules:{i}:Severity",
                $"'{rule.Severity}' must be P1, P2, P3 or P4");
            e.Check(
                rule.Commander.Length == 0 || rule.Commander.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'),
                $"{s}:Rules:{i}:Commander",
                $"'{rule.Commander}' must be one user id (a Slack id like U0123ABC, a Teams Azure AD object id), not a name");
        }

        return e.Result;
    }
}
