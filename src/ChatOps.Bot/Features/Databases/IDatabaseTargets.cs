namespace ChatOps.Bot.Features.Databases;

/// <summary>The configured database targets (ChatOps:Databases), without their connection strings.</summary>
public interface IDatabaseTargets
{
    IReadOnlyList<string> Names { get; }

    /// <summary>The configured spelling of <paramref name="name"/>, or null when it is not a configured database.</summary>
    string? Find(string name);

    /// <summary>Database users the bot must never signal on that target (replication, the platform's own users).</summary>
    IReadOnlyList<string> ProtectedUsers(string database);
}
