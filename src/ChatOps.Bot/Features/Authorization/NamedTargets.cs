namespace ChatOps.Bot.Features.Authorization;

/// <summary>
/// <see cref="INamedTargets"/> over one section of <see cref="TargetOptions"/>, read on every call so a configuration
/// reload is seen at once. Databases and brokers list and look up their names alike and differ only in what else they tell.
/// </summary>
internal abstract class NamedTargets<TTarget>(IOptionsMonitor<TargetOptions> options, Func<TargetOptions, Dictionary<string, TTarget>> section)
    : INamedTargets
{
    public IReadOnlyList<string> Names => Current.Keys.Order(StringComparer.Ordinal).ToList();

    protected Dictionary<string, TTarget> Current => section(options.CurrentValue);

    public string? Find(string name) =>
        Current.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
}
