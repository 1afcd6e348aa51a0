using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Infrastructure.Storage.Postgres;
using ChatOps.IntegrationTests.Support;
using Npgsql;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>
/// The contract against a real PostgreSQL, in a database created for each test and dropped after it. The server
/// comes from CHATOPS_TEST_POSTGRES (scripts/test.sh starts one and sets it); without it these tests fail loudly.
/// </summary>
public sealed class PostgresStoreContractTests : StoreContractTests
{
    private const string FakePassword = "pg-test-secret-7c1f";

    private readonly PostgresTestDatabase database = new("chatops_contract");
    private readonly List<NpgsqlDataSource> dataSources = [];

    protected override string? UnreachableSecret => FakePassword;

    protected override Task CreateDatabaseAsync() => database.CreateAsync(Ct);

    protected override async Task DropDatabaseAsync()
    {
        foreach (var dataSource in dataSources)
        {
            await dataSource.DisposeAsync();
        }

        await database.DropAsync(Ct);
    }

    /// <summary>Each store gets its own data source, as separate replicas would.</summary>
    /// <summary>With the connection settings the bot runs its store with: statements prepared on the server.</summary>
    protected override IChatOpsStore CreateStore() => Track(NpgsqlDataSource.Create(PostgresStoreConnection.For(database.ConnectionString)));

    protected override IChatOpsStore CreateUnreachableStore() => Track(NpgsqlDataSource.Create(PostgresTestDatabase.Unreachable(FakePassword)));

    protected override Task ExecuteSqlAsync(string sql) => database.ExecuteAsync(sql, Ct);

    private PostgresChatOpsStore Track(NpgsqlDataSource dataSource)
    {
        dataSources.Add(dataSource);
        return new PostgresChatOpsStore(dataSource, ChainKeys);
    }
}
