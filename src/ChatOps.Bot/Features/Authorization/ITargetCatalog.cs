namespace ChatOps.Bot.Features.Authorization;

/// <summary>What the bot knows about named targets without touching them.</summary>
public interface ITargetCatalog
{
    bool IsProduction(string? target);
}
