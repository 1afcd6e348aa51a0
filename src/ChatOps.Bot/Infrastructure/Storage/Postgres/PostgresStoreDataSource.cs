using Npgsql;

namespace ChatOps.Bot.Infrastructure.Storage.Postgres;

/// <summary>
/// The store's PostgreSQL data source, built on first use: a bot on SQLite never loads Npgsql (1.4 MiB resident in
/// the ReadyToRun publish; issue 19). The container disposes it, and with it the pool, on shutdown.
/// </summary>
public sealed class PostgresStoreDataSource(IOptions<StoreOptions> options) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private NpgsqlDataSource? dataSource;

    // A lock, not LazyInitializer: two racing first calls must not each build a data source, one of them never disposed.
    public NpgsqlDataSource Get()
    {
        lock (gate)
        {
            return dataSource ??= NpgsqlDataSource.Create(PostgresStoreConnection.For(options.Value.ConnectionString));
        }
    }

    public ValueTask DisposeAsync() => dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
}
