using ChatOps.Bot.Infrastructure.Databases;
using ChatOps.Bot.Infrastructure.Storage.Postgres;
using Npgsql;

namespace ChatOps.Tests.Infrastructure.Storage;

public sealed class PostgresStoreConnectionTests
{
    [Fact]
    public void Unsaid_TheStoreRunsPreparedStatements_UnderTheBotsApplicationName()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresStoreConnection.For("Host=db;Database=chatops;Username=chatops"));

        builder.MaxAutoPrepare.ShouldBe(PostgresStoreConnection.AutoPrepared);
        builder.AutoPrepareMinUsages.ShouldBe(2);
        builder.ApplicationName.ShouldBe(SessionSql.BotApplicationName);
        builder.Host.ShouldBe("db");
    }

    /// <summary>`Max Auto Prepare=0` is how an operator behind a transaction-mode PgBouncer turns preparing off.</summary>
    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;maxautoprepare=0", 0)]
    [InlineData("Host=db;MAX AUTO PREPARE=5;Auto Prepare Min Usages=7", 5)]
    public void SaidByTheOperator_IsKeptAsGiven(string configured, int expected)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresStoreConnection.For(configured));

        builder.MaxAutoPrepare.ShouldBe(expected);
        builder.ApplicationName.ShouldBe(SessionSql.BotApplicationName);
    }
}
