namespace ChatOps.Bot.Features.Authorization;

/// <summary>
/// Targets configured outside <see cref="TargetOptions"/> (ChatOps:Alertmanagers) that can be marked production, so
/// <see cref="ITargetCatalog"/> sees them without this folder knowing their feature.
/// </summary>
public interface IProductionTargets
{
    bool IsProduction(string target);
}
