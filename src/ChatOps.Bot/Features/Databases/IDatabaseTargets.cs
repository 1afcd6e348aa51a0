namespace ChatOps.Bot.Features.Databases;

/// <summary>The configured database targets (ChatOps:Databases), without their connection strings.</summary>
public interface IDatabaseTargets : INamedTargets
{
    /// <summary>Database users the bot must never signal on that target (replication, the platform's own users).</summary>
    IReadOnlyList<string> ProtectedUsers(string database);
}
