using System.Net;
using System.Net.Sockets;
using ChatOps.Bot.Infrastructure.Postgres;
using ChatOps.Bot.Operations;
using Npgsql;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>
/// The contract against a real PostgreSQL, in a database created for each test and dropped after it. The server
/// comes from CHATOPS_TEST_POSTGRES (scripts/test.sh starts one and sets it); without it these tests fail loudly.
/// </summary>
public sealed class PostgresStoreContractTests : StoreContractTests
{
    private const string Variable = "CHATOPS_TEST_POSTGRES";
    private const string FakePassword = "pg-test-secret-7c1f";

    private readonly string database = "chatops_contract_" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<NpgsqlDataSource> dataSources = [];

    protected override string? UnreachableSecret => FakePassword;

    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. These tests need a PostgreSQL server: run scripts/test.sh, or start one and set " +
                $"{Variable}, e.g. Host=127.0.0.1;Port=55432;Username=postgres;Database=chatops_test;Pooling=true");

    private string DatabaseConnectionString =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    protected override async Task CreateDatabaseAsync()
    {
        // Identifiers cannot be parameters; the name is generated above from a GUID, never from input.
        await AdminAsync($"CREATE DATABASE \"{database}\"");
    }

    protected override async Task DropDatabaseAsync()
    {
        foreach (var dataSource in dataSources)
        {
            await dataSource.DisposeAsync();
        }

        await AdminAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    /// <summary>Each store gets its own data source, as separate replicas would.</summary>
    protected override IChatOpsStore CreateStore()
    {
        var dataSource = NpgsqlDataSource.Create(DatabaseConnectionString);
        dataSources.Add(dataSource);
        return new PostgresChatOpsStore(dataSource);
    }

    protected override IChatOpsStore CreateUnreachableStore()
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Host = "127.0.0.1",
            Port = FreePort(),
            Password = FakePassword,
            Timeout = 3,
        };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        dataSources.Add(dataSource);
        return new PostgresChatOpsStore(dataSource);
    }

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
