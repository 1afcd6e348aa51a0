using System.Data.Common;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>The conversation-reference statements and row mapping both stores share (same upsert syntax).</summary>
internal static class ConversationRows
{
    public const string SaveSql =
        "INSERT INTO conversation_references (conversation_id, service_url, tenant_id, bot_id, conversation_type, updated_at) " +
        "VALUES (@conversation_id, @service_url, @tenant_id, @bot_id, @conversation_type, @updated_at) " +
        "ON CONFLICT (conversation_id) DO UPDATE SET service_url = excluded.service_url, tenant_id = excluded.tenant_id, " +
        "bot_id = excluded.bot_id, conversation_type = excluded.conversation_type, updated_at = excluded.updated_at";

    public const string GetSql =
        "SELECT conversation_id, service_url, tenant_id, bot_id, conversation_type, updated_at FROM conversation_references WHERE conversation_id = @conversation_id";

    public const string RemoveSql = "DELETE FROM conversation_references WHERE conversation_id = @conversation_id";

    public static void Bind(DbCommand command, ConversationReference reference)
    {
        command.Add("@conversation_id", reference.ConversationId);
        command.Add("@service_url", reference.ServiceUrl);
        command.Add("@tenant_id", reference.TenantId);
        command.Add("@bot_id", reference.BotId);
        command.Add("@conversation_type", reference.ConversationType);
        command.Add("@updated_at", AuditChain.ToUnixMicroseconds(reference.UpdatedAt));
    }

    public static async Task<ConversationReference?> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ConversationReference(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetNullableString(2),
            reader.GetString(3),
            reader.GetNullableString(4),
            AuditChain.FromUnixMicroseconds(reader.GetInt64(5)));
    }
}
