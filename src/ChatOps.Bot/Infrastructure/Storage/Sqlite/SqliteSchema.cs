namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

/// <summary>The SQLite words of the shared schema, and the pragmas every connection needs.</summary>
internal static class SqliteSchema
{
    /// <summary>
    /// Per connection, since pooled connections may be new. busy_timeout makes a second process wait for the writer
    /// instead of failing; synchronous=FULL because an audit record must survive a power cut once appended.
    /// </summary>
    public const string ConnectionPragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

    /// <summary>WAL lets readers (queries, verify, the outbox poller) run while one writer appends. Persistent in the file.</summary>
    public const string JournalMode = "PRAGMA journal_mode = WAL;";

    public const string VersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL DEFAULT (unixepoch())) STRICT;";

    /// <summary>SQLite has no regular expressions; GLOB character classes say the same.</summary>
    public static readonly IReadOnlyList<(int Version, string Sql)> Migrations = SqlSchema.Migrations(new SchemaWords(
        BigInt: "INTEGER",
        Identity: "INTEGER PRIMARY KEY AUTOINCREMENT",
        Strict: " STRICT",
        IsSlackId: column => $"{column} GLOB '[UW][A-Z0-9]*' AND {column} NOT GLOB '*[^A-Z0-9]*'",
        IsTeamsId: column => $"length({column}) = 36 AND {column} NOT GLOB '*[^0-9a-f-]*' AND substr({column}, 9, 1) = '-' " +
            $"AND substr({column}, 14, 1) = '-' AND substr({column}, 19, 1) = '-' AND substr({column}, 24, 1) = '-'",
        IsConsoleName: column => $"{column} NOT GLOB '*[^A-Za-z0-9._-]*'"));
}
