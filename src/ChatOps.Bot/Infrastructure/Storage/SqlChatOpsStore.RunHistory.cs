using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>What really ran, for rate rules: read from the shared audit log, so every replica counts the same runs.</summary>
public abstract partial class SqlChatOpsStore
{
    public Task<IReadOnlyList<PastRun>> RunsAsync(string target, DateTimeOffset since, int max, CancellationToken cancellationToken) =>
        ReadRowsAsync("read run history", connection => RunHistoryRows.RunsAsync(connection, target, since, max, cancellationToken), cancellationToken);
}
