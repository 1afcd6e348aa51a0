namespace ChatOps.Bot.Features.Audit.Outbox;

internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var e = new OptionsErrors();
        const string s = OutboxOptions.SectionName;
        e.Check(options.PollInterval > TimeSpan.Zero && options.PollInterval <= TimeSpan.FromMinutes(1), $"{s}:PollInterval", "must be between 0 and 00:01:00");
        e.Check(options.BatchSize is >= 1 and <= 500, $"{s}:BatchSize", "must be between 1 and 500");
        e.Check(options.Lease >= TimeSpan.FromSeconds(5), $"{s}:Lease", "must be at least 00:00:05");
        e.Check(options.MaxBackoff >= TimeSpan.FromSeconds(1), $"{s}:MaxBackoff", "must be at least 00:00:01");
        return e.Result;
    }
}
