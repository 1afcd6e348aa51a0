namespace ChatOps.Bot.Features.Silences;

/// <summary>ChatOps:Alertmanagers as handlers may see them: names and policy limits, never URLs or credentials.</summary>
public interface IAlertmanagerTargets : INamedTargets
{
    /// <summary>The one marked Default, else the only one configured, else null.</summary>
    string? Default { get; }

    TimeSpan MaxSilence(string alertmanager);

    IReadOnlyList<string> SpreadLabels(string alertmanager);
}

internal sealed class AlertmanagerTargets(IOptionsMonitor<AlertmanagerTargetOptions> options) : IAlertmanagerTargets, IProductionTargets
{
    private Dictionary<string, AlertmanagerTarget> Current => options.CurrentValue.Alertmanagers;

    public IReadOnlyList<string> Names => Current.Keys.Order(StringComparer.Ordinal).ToList();

    public string? Default =>
        Current.FirstOrDefault(a => a.Value.Default).Key ?? (Current.Count == 1 ? Current.Keys.Single() : null);

    public string? Find(string name) =>
        Current.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    public TimeSpan MaxSilence(string alertmanager) =>
        Current.TryGetValue(alertmanager, out var a) ? a.MaxSilence : TimeSpan.FromHours(24);

    public IReadOnlyList<string> SpreadLabels(string alertmanager) =>
        Current.TryGetValue(alertmanager, out var a) ? a.SpreadLabels : [];

    public bool IsProduction(string target) => Current.TryGetValue(target, out var a) && a.Production;
}

/// <summary><c>--alertmanager</c> names a configured Alertmanager, never a URL.</summary>
public sealed class AlertmanagerTargetRule(IAlertmanagerTargets targets, RolePolicy policy)
    : NamedTargetRule(targets, policy, new TargetNouns("Alertmanager", "Alertmanagers", "--alertmanager", "ChatOps:Alertmanagers"))
{
    public string? ResolveDefault(string? given) => given is null ? targets.Default : Resolve(given);
}
