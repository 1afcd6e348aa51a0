namespace ChatOps.Bot.Features.Databases;

/// <summary><c>--db</c> names a configured target, never a connection string.</summary>
public sealed class DatabaseTargetRule(IDatabaseTargets targets, RolePolicy policy)
    : NamedTargetRule(targets, policy, new TargetNouns("database", "databases", "--db", "ChatOps:Databases"));
