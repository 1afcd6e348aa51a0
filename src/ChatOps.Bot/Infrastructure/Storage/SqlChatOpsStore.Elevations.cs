namespace ChatOps.Bot.Infrastructure.Storage;

public abstract partial class SqlChatOpsStore
{
    public Task GrantElevationAsync(Elevation elevation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(elevation);
        return WriteRowsAsync("grant elevation", (connection, transaction) =>
            ElevationRows.InsertAsync(connection, transaction, elevation, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<Elevation>> ActiveElevationsAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken) =>
        ActiveElevationRowsAsync(subject, now, cancellationToken);

    /// <summary>A read the role check makes; a dialect may read it without the provider's per-read objects.</summary>
    private protected virtual Task<IReadOnlyList<Elevation>> ActiveElevationRowsAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadHotAsync("read elevations", ElevationRows.ActiveSql, c => ElevationRows.BindActive(c, subject, now),
            c => ElevationRows.ReadRowsAsync(c, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Elevation>> AllActiveElevationsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadRowsAsync("read all elevations", connection => ElevationRows.AllActiveAsync(connection, now, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Elevation>> RevokeElevationsAsync(string subject, string revokedBy, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteRowsAsync("revoke elevations", (connection, transaction) =>
            ElevationRows.RevokeAsync(connection, transaction, subject, revokedBy, now, cancellationToken), cancellationToken);

    public Task<Elevation?> RevokeElevationAsync(string id, string revokedBy, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteRowsAsync("revoke elevation", (connection, transaction) =>
            ElevationRows.RevokeOneAsync(connection, transaction, id, revokedBy, now, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Elevation>> AnnounceExpiredElevationsAsync(
        DateTimeOffset now, int max, Func<Elevation, IReadOnlyList<OutboxMessage>> announce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(announce);
        return WriteRowsAsync("announce expired elevations", (connection, transaction) =>
            ElevationRows.AnnounceExpiredAsync(connection, transaction, dialect.ClaimLock, now, max, announce, cancellationToken), cancellationToken);
    }
}
