using ChatOps.Bot.Core;
using Npgsql;

namespace ChatOps.Bot.Infrastructure.Storage.Postgres;

public sealed partial class PostgresChatOpsStore
{
    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return RunAsync("save conversation reference", async connection =>
        {
            await using var save = new NpgsqlCommand(ConversationRows.SaveSql, connection);
            ConversationRows.Bind(save, reference);
            return await save.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public Task<ConversationReference?> GetConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        RunAsync("read conversation reference", async connection =>
        {
            await using var get = new NpgsqlCommand(ConversationRows.GetSql, connection);
            get.Add("conversation_id", conversationId);
            return await ConversationRows.ReadAsync(get, cancellationToken);
        }, cancellationToken);

    public Task<bool> RemoveConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        RunAsync("remove conversation reference", async connection =>
        {
            await using var remove = new NpgsqlCommand(ConversationRows.RemoveSql, connection);
            remove.Add("conversation_id", conversationId);
            return await remove.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);
}
