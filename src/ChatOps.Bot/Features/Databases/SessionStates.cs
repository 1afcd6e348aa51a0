namespace ChatOps.Bot.Features.Databases;

/// <summary>The <c>--state</c> words users type and the pg_stat_activity states they stand for.</summary>
public static class SessionStates
{
    public const string Active = "active";
    public const string Idle = "idle";
    public const string IdleInTransaction = "idle-in-transaction";
    public const string All = "all";

    public static readonly string[] Choices = [Active, Idle, IdleInTransaction, All];

    /// <summary>Null means every state.</summary>
    public static IReadOnlyList<string>? ServerStates(string choice) => choice switch
    {
        Active => ["active"],
        Idle => ["idle"],
        IdleInTransaction => ["idle in transaction", "idle in transaction (aborted)"],
        _ => null,
    };

    public static bool Includes(string choice, string? serverState) =>
        ServerStates(choice) is not { } states || serverState is not null && states.Contains(serverState, StringComparer.Ordinal);
}
