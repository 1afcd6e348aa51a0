namespace ChatOps.Bot.Infrastructure.Storage.Postgres;

/// <summary>The PostgreSQL words of the shared schema, which is applied under an advisory lock so replicas starting together migrate once.</summary>
internal static class PostgresSchema
{
    /// <summary>
    /// Advisory lock keys ("CHATOPS" + a suffix). They are per database, so two deployments in different schemas of
    /// one database would only serialize against each other, never corrupt each other.
    /// </summary>
    public const long AppendLockKey = 0x43_48_41_54_4F_50_53_01;

    public const long MigrationLockKey = 0x43_48_41_54_4F_50_53_02;

    public const long OutboxClaimLockKey = 0x43_48_41_54_4F_50_53_03;

    public const string VersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())";

    public static readonly IReadOnlyList<(int Version, string Sql)> Migrations = SqlSchema.Migrations(new SchemaWords(
        BigInt: "bigint",
        Identity: "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        Strict: string.Empty,
        IsSlackId: column => column + " ~ '^[UW][A-Z0-9]+$'",
        IsTeamsId: column => column + " ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'",
        IsConsoleName: column => column + " ~ '^[A-Za-z0-9._-]+$'"));
}
