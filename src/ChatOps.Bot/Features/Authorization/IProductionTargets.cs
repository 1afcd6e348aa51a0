namespace ChatOps.Bot.Features.Authorization;

/// <summary>
/// Targets configured outside <see cref="TargetOptions"/> (ChatOps:Alertmanagers) that can be marked production, so
/// <see cref="ITargetCatalog"/> sees them, and role bindings may be scoped to them, without this folder knowing their feature.
/// </summary>
public interface IProductionTargets
{
    IReadOnlyList<string> Names { get; }

    bool IsProduction(string target);
}
