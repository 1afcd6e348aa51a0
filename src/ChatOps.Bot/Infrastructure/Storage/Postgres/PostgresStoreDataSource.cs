using Npgsql;

namespace ChatOps.Bot.Infrastructure.Storage.Postgres;

/// <summary>
/// The store's PostgreSQL data source, built on first use: a bot on SQLite never loads Npgsql (1.4 MiB resident in
/// the ReadyToRun publish; issue 19). The container disposes it, and with it the pool, on shutdown.
/// </summary>
public sealed class PostgresStoreDataSource(IOptions<StoreOptions> options) : IAsyncDisposable
{
    private NpgsqlDataSource? dataSource;

    public NpgsqlDataSource Get() =>
        LazyInitializer.EnsureInitialized(ref dataSource, () => NpgsqlDataSource.Create(PostgresStoreConnection.For(options.Value.ConnectionString)));

    public ValueTask DisposeAsync() => dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
}
