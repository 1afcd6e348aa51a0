using Npgsql;

namespace ChatOps.IntegrationTests.Support;

/// <summary>
/// A database created on the test server (CHATOPS_TEST_POSTGRES, started by scripts/test.sh) and dropped after use.
/// Without the variable the tests fail loudly: a green run must mean PostgreSQL was really exercised.
/// </summary>
public sealed class PostgresTestDatabase(string prefix) : IAsyncDisposable
{
    public const string Variable = "CHATOPS_TEST_POSTGRES";

    public string Name { get; } = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 13)];

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. These tests need a PostgreSQL server: run scripts/test.sh, or start one and set " +
                $"{Variable}, e.g. Host=127.0.0.1;Port=25432;Username=postgres;Database=chatops_test;Pooling=true");

    public string ConnectionString => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Name }.ConnectionString;

    /// <summary>A connection string to a port where nothing listens, with a password that must never be echoed.</summary>
    public static string Unreachable(string password) => new NpgsqlConnectionStringBuilder(AdminConnectionString)
    {
        Host = "127.0.0.1",
        Port = BotProcess.FreePort(),
        Password = password,
        Timeout = 3,
    }.ConnectionString;

    // Identifiers cannot be parameters; the name is generated from a GUID, never from input.
    public Task CreateAsync(CancellationToken cancellationToken) => AdminAsync($"CREATE DATABASE \"{Name}\"", cancellationToken);

    public Task DropAsync(CancellationToken cancellationToken) => AdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", cancellationToken);

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await DropAsync(CancellationToken.None);
    }

    private static async Task AdminAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
