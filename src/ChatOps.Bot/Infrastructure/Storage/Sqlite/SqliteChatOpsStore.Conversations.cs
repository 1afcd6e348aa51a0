using ChatOps.Bot.Core;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

public sealed partial class SqliteChatOpsStore
{
    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return WriteAsync("save conversation reference", async (connection, transaction) =>
        {
            await using var save = Command(connection, transaction, ConversationRows.SaveSql);
            ConversationRows.Bind(save, reference);
            return await save.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public Task<ConversationReference?> GetConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadAsync("read conversation reference", async connection =>
        {
            await using var get = Command(connection, null, ConversationRows.GetSql);
            get.Add("conversation_id", conversationId);
            return await ConversationRows.ReadAsync(get, cancellationToken);
        }, cancellationToken);

    public Task<bool> RemoveConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        WriteAsync("remove conversation reference", async (connection, transaction) =>
        {
            await using var remove = Command(connection, transaction, ConversationRows.RemoveSql);
            remove.Add("conversation_id", conversationId);
            return await remove.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);
}
