namespace ChatOps.Bot.Infrastructure.Storage;

public enum StoreProvider
{
    Sqlite,
    Postgres,
}

public sealed class StoreOptions
{
    public const string SectionName = "ChatOps:Store";

    [Description("`Sqlite` (embedded single file, zero setup) or `Postgres` (several replicas on one database)")]
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    [Description("SQLite: `Data Source=<file>`, a relative file is under the directory the bot is started from (its folder is created); PostgreSQL: `Host=db;Database=chatops;Username=chatops;Password=…` (the password is masked wherever it appears; statements are prepared on the server unless it sets `Max Auto Prepare`, e.g. `=0` behind a transaction-mode PgBouncer)")]
    public string ConnectionString { get; set; } = "Data Source=data/chatops.db";
}
