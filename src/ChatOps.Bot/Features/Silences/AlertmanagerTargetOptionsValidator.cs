namespace ChatOps.Bot.Features.Silences;

internal sealed class AlertmanagerTargetOptionsValidator(IConfiguration configuration) : IValidateOptions<AlertmanagerTargetOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertmanagerTargetOptions options)
    {
        var e = new OptionsErrors();
        e.EachElementBinds<AlertmanagerTarget>(configuration, "ChatOps:Alertmanagers");
        foreach (var (key, a) in options.Alertmanagers)
        {
            var k = $"ChatOps:Alertmanagers:{key}";
            e.Check(Names.IsDns1123Subdomain(key), k, "a target name must be lower-case letters, digits, '-' and '.'");
            e.Check(a.Url.Length > 0, $"{k}:Url", "must be set");
            foreach (var (url, i) in a.Urls.Select((u, i) => (u, i)))
            {
                e.Url(url, i == 0 ? $"{k}:Url" : $"{k}:Peers:{i - 1}");
            }

            e.Check(a.MaxSilence > TimeSpan.Zero, $"{k}:MaxSilence", $"{a.MaxSilence} must be more than 0");
            e.Check(a.SpreadLabels.All(l => l.Length > 0), $"{k}:SpreadLabels", "every entry must be a label name");
            e.RequestTimeout(a.RequestTimeout, $"{k}:RequestTimeout");
        }

        var defaults = options.Alertmanagers.Where(a => a.Value.Default).Select(a => a.Key).ToList();
        e.Check(defaults.Count <= 1, "ChatOps:Alertmanagers:*:Default", $"only one Alertmanager may be the default, not {string.Join(", ", defaults)}");
        return e.Result;
    }
}
