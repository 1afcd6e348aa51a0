namespace ChatOps.Bot.Infrastructure.Storage;

internal sealed class AuditOptionsValidator(IOptions<StoreOptions> store) : IValidateOptions<AuditOptions>
{
    private static readonly string[] Platforms = ["log", "slack", "teams"];

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var e = new OptionsErrors();
        for (var i = 0; i < options.Destinations.Count; i++)
        {
            var platform = options.Destinations[i].Split(':', 2)[0];
            e.Check(
                Platforms.Contains(platform, StringComparer.Ordinal),
                $"{AuditOptions.SectionName}:Destinations:{i}",
                $"'{options.Destinations[i]}' must start with one of: {string.Join(", ", Platforms)}");
        }

        e.Check(
            options.SecurityChannel is null || Platforms.Contains(options.SecurityChannel.Split(':', 2)[0], StringComparer.Ordinal),
            $"{AuditOptions.SectionName}:SecurityChannel",
            $"'{options.SecurityChannel}' must start with one of: {string.Join(", ", Platforms)}");
        e.Check(options.PendingLimit is >= 1 and <= 1_000_000, $"{AuditOptions.SectionName}:PendingLimit", "must be between 1 and 1000000");
        e.Check(
            options.PendingFlushInterval >= TimeSpan.FromMilliseconds(10) && options.PendingFlushInterval <= TimeSpan.FromMinutes(10),
            $"{AuditOptions.SectionName}:PendingFlushInterval",
            "must be between 00:00:00.010 and 00:10:00");
        e.Check(options.OrphanAfter >= TimeSpan.Zero && options.OrphanAfter <= TimeSpan.FromDays(1), $"{AuditOptions.SectionName}:OrphanAfter", "must be between 00:00:00 and 1.00:00:00");
        e.Check(
            options.OrphanSweepInterval >= TimeSpan.FromSeconds(1) && options.OrphanSweepInterval <= TimeSpan.FromDays(1),
            $"{AuditOptions.SectionName}:OrphanSweepInterval",
            "must be between 00:00:01 and 1.00:00:00");
        e.Check(
            options.HeadInterval >= TimeSpan.FromSeconds(1) && options.HeadInterval <= TimeSpan.FromDays(1),
            $"{AuditOptions.SectionName}:HeadInterval",
            "must be between 00:00:01 and 1.00:00:00");
        AuditChainKeyRules.Check(e, options, store.Value.Provider);

        return e.Result;
    }
}
