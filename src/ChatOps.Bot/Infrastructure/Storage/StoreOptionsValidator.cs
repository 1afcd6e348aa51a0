namespace ChatOps.Bot.Infrastructure.Storage;

internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var e = new OptionsErrors();
        e.Check(Enum.IsDefined(options.Provider), $"{StoreOptions.SectionName}:Provider", "must be Sqlite or Postgres");
        e.Check(!string.IsNullOrWhiteSpace(options.ConnectionString), $"{StoreOptions.SectionName}:ConnectionString", "must be set");
        return e.Result;
    }
}
