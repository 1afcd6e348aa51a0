namespace ChatOps.Bot.Dispatch;

internal sealed class DispatchOptionsValidator : IValidateOptions<DispatchOptions>
{
    public ValidateOptionsResult Validate(string? name, DispatchOptions options)
    {
        var e = new OptionsErrors();
        const string s = DispatchOptions.SectionName;
        e.Check(options.MaxInFlight is >= 1 and <= 100_000, $"{s}:MaxInFlight", "must be between 1 and 100000");
        e.Check(
            options.BusyRetryAfter >= TimeSpan.FromSeconds(1) && options.BusyRetryAfter <= TimeSpan.FromMinutes(5),
            $"{s}:BusyRetryAfter",
            "must be between 00:00:01 and 00:05:00");
        return e.Result;
    }
}
