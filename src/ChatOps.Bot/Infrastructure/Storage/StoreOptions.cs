namespace ChatOps.Bot.Infrastructure.Storage;

public enum StoreProvider
{
    Sqlite,
    Postgres,
}

public sealed class StoreOptions
{
    public const string SectionName = "ChatOps:Store";

    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/chatops.db";
}
