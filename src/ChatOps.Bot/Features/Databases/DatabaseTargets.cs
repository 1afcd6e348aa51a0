namespace ChatOps.Bot.Features.Databases;

/// <summary>ChatOps:Databases as the handlers may see it: names and protected users, never connection strings.</summary>
internal sealed class DatabaseTargets(IOptionsMonitor<TargetOptions> options)
    : NamedTargets<DatabaseOptions>(options, o => o.Databases), IDatabaseTargets
{
    public IReadOnlyList<string> ProtectedUsers(string database) =>
        Current.TryGetValue(database, out var d) ? d.ProtectedUsers : [];
}
