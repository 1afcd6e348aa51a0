namespace ChatOps.Bot.Infrastructure.Storage;

public abstract partial class SqlChatOpsStore
{
    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return WriteStatementAsync("save conversation reference", async (connection, transaction) =>
        {
            await using var save = DbValues.Command(connection, transaction, ConversationRows.SaveSql);
            ConversationRows.Bind(save, reference);
            return await save.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public Task<ConversationReference?> GetConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadRowsAsync("read conversation reference", async connection =>
        {
            await using var get = DbValues.Command(connection, null, ConversationRows.GetSql);
            get.Add("@conversation_id", conversationId);
            return await ConversationRows.ReadAsync(get, cancellationToken);
        }, cancellationToken);

    public Task<bool> RemoveConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        WriteStatementAsync("remove conversation reference", async (connection, transaction) =>
        {
            await using var remove = DbValues.Command(connection, transaction, ConversationRows.RemoveSql);
            remove.Add("@conversation_id", conversationId);
            return await remove.ExecuteNonQueryAsync(cancellationToken) > 0;
        }, cancellationToken);
}
