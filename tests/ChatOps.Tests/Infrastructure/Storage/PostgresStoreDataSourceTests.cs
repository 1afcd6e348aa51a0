using ChatOps.Bot.Infrastructure.Databases;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Infrastructure.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatOps.Tests.Infrastructure.Storage;

public sealed class PostgresStoreDataSourceTests
{
    private static PostgresStoreDataSource For(string connectionString) =>
        new(Options.Create(new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = connectionString }));

    [Fact]
    public async Task IsBuiltOnce_FromTheStoresConnectionString_AsTheBotRunsIt()
    {
        await using var source = For("Host=db;Database=chatops;Username=chatops");

        var first = source.Get();

        source.Get().ShouldBeSameAs(first);
        var builder = new NpgsqlConnectionStringBuilder(first.ConnectionString);
        builder.Host.ShouldBe("db");
        builder.ApplicationName.ShouldBe(SessionSql.BotApplicationName);
    }

    [Fact]
    public async Task Disposing_ClosesTheDataSource_AndNeverBuildsOneThatWasNotAskedFor()
    {
        await For("not a connection string").DisposeAsync();

        var source = For("Host=db");
        var dataSource = source.Get();
        await source.DisposeAsync();

        await Should.ThrowAsync<ObjectDisposedException>(async () => await dataSource.OpenConnectionAsync());
    }
}
