using System.Data.Common;
using ChatOps.Bot.Features.Incidents;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

// The reads every command makes, on connections the store keeps with their statements compiled.
public sealed partial class SqliteChatOpsStore
{
    private SqliteKeptReads? hotReads;

    /// <summary>
    /// On a kept native statement (<see cref="SqliteKeptReads.ReadNativeAsync"/>): the provider's reader cost this read,
    /// which every audited command makes, about 0.8 KB (issue 19). Mostly it finds no row, and then allocates nothing.
    /// </summary>
    private protected override async Task<Incident?> FindOpenIncidentRowsAsync(string channelId, CancellationToken cancellationToken)
    {
        try
        {
            return await HotReads.ReadNativeAsync(IncidentRows.FindOpenSql, channelId, static (statement, channel) =>
            {
                statement.Set("@channel_id", channel);
                return statement.Step() ? IncidentRows.Read(new SqliteNativeColumns(statement)) : null;
            }, cancellationToken);
        }
        catch (Exception ex) when (StoreFailure.IsUnavailable(ex))
        {
            throw Unavailable("find incident", ex);
        }
    }

    /// <summary>On a kept native statement, as <see cref="FindOpenIncidentRowsAsync"/>; mostly no row, and then the shared empty list.</summary>
    private protected override async Task<IReadOnlyList<Elevation>> ActiveElevationRowsAsync(
        string subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return await HotReads.ReadNativeAsync(ElevationRows.ActiveSql, (subject, now: AuditChain.ToUnixMicroseconds(now)), static (statement, bind) =>
            {
                statement.Set("@subject", bind.subject);
                statement.Set("@now", bind.now);
                List<Elevation>? rows = null;
                while (statement.Step())
                {
                    (rows ??= []).Add(ElevationRows.Read(new SqliteNativeColumns(statement)));
                }

                return rows is null ? [] : (IReadOnlyList<Elevation>)rows;
            }, cancellationToken);
        }
        catch (Exception ex) when (StoreFailure.IsUnavailable(ex))
        {
            throw Unavailable("read elevations", ex);
        }
    }

    private SqliteKeptReads HotReads =>
        LazyInitializer.EnsureInitialized(ref hotReads, () => new SqliteKeptReads(ct => OpenAsync(connectionString, extraPragmas: null, ct)));

    /// <summary>On a kept connection with the statement compiled once (<see cref="SqliteKeptReads"/>).</summary>
    private protected override async Task<T> ReadHotAsync<T>(
        string operation, string sql, Action<DbCommand> bind, Func<DbCommand, Task<T>> read, CancellationToken cancellationToken)
    {
        var reads = HotReads;
        try
        {
            return await reads.ReadAsync(sql, bind, read, cancellationToken);
        }
        catch (Exception ex) when (StoreFailure.IsUnavailable(ex))
        {
            throw Unavailable(operation, ex);
        }
    }
}
