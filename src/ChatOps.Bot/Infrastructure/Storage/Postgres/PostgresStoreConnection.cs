using System.Data.Common;
using ChatOps.Bot.Infrastructure.Databases;
using Npgsql;

namespace ChatOps.Bot.Infrastructure.Storage.Postgres;

/// <summary>The store's PostgreSQL connection string as the bot runs it, from the one the operator configured.</summary>
public static class PostgresStoreConnection
{
    /// <summary>How many statements Npgsql keeps prepared per physical connection when the operator does not say.</summary>
    public const int AutoPrepared = 20;

    /// <summary>
    /// Sessions carry the bot's application name, so `db` commands aimed at a database on the same server, as the same
    /// role, recognise them as the bot's own and never signal them. Statements are prepared on the server once they have
    /// run twice on a connection: the claim, the audit insert and the incident read run for every command, and preparing
    /// them took 35-45 % off each command's store time (docs/performance.md). A `Max Auto Prepare` in the configured
    /// string is kept as given: 0 turns it off for a PgBouncer in transaction mode that cannot keep prepared statements.
    /// </summary>
    public static string For(string configured)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured) { ApplicationName = SessionSql.BotApplicationName };
        if (!NamesMaxAutoPrepare(configured))
        {
            builder.MaxAutoPrepare = AutoPrepared;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>Npgsql's builder cannot tell a setting left out from one set to its default, so the keys as written.</summary>
    private static bool NamesMaxAutoPrepare(string configured) =>
        new DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
            .Any(key => string.Equals(key.Replace(" ", string.Empty, StringComparison.Ordinal), "MaxAutoPrepare", StringComparison.OrdinalIgnoreCase));
}
