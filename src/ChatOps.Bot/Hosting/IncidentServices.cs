using ChatOps.Bot.Commands;
using ChatOps.Bot.Operations.Incidents;

namespace ChatOps.Bot.Hosting;

/// <summary>The incident lifecycle (issue 6): commands and their helpers; the store port comes with the store.</summary>
public static class IncidentServices
{
    public static IServiceCollection AddIncidentOperations(this IServiceCollection services)
    {
        services.AddSingleton<IncidentSchedule>();
        services.AddSingleton<IncidentLookup>();
        services.AddSingleton<IncidentAuthority>();
        services.AddSingleton<ICommandModule, IncidentCommands>();
        return services;
    }
}
