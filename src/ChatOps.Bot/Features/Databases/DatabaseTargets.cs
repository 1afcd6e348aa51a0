using ChatOps.Bot.Features.Authorization;

namespace ChatOps.Bot.Features.Databases;

/// <summary>ChatOps:Databases as the handlers may see it: names and protected users, never connection strings.</summary>
internal sealed class DatabaseTargets(IOptionsMonitor<TargetOptions> options) : IDatabaseTargets
{
    public IReadOnlyList<string> Names => options.CurrentValue.Databases.Keys.Order(StringComparer.Ordinal).ToList();

    public string? Find(string name) =>
        options.CurrentValue.Databases.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<string> ProtectedUsers(string database) =>
        options.CurrentValue.Databases.TryGetValue(database, out var d) ? d.ProtectedUsers : [];
}
