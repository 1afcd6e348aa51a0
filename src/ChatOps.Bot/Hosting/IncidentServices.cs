using ChatOps.Bot.Features.Incidents;

namespace ChatOps.Bot.Hosting;

/// <summary>The incident lifecycle (issue 6): commands, channels, SLA timers and their worker; the store port comes with the store.</summary>
public static class IncidentServices
{
    public static IServiceCollection AddIncidentOperations(this IServiceCollection services)
    {
        services.AddSingleton<IncidentSchedule>();
        services.AddSingleton<IncidentLookup>();
        services.AddSingleton<IncidentAuthority>();
        services.AddSingleton<IncidentPlatforms>();
        services.AddSingleton<IncidentUserResolver>();
        services.AddSingleton<IncidentChannelSetup>();
        services.AddSingleton<IncidentChannelSync>();
        services.AddSingleton<IncidentTimers>();
        services.AddSingleton<ChatOps.Bot.Features.Audit.IAuditObserver, IncidentTimelineObserver>();
        services.AddSingleton<IncidentWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<IncidentWorker>());
        services.AddSingleton<IGrammar, IncidentGrammar>();

        services.AddSingleton<IGlobalOptionCheck, IncidentOptionCheck>();
        services.AddValidator<DeclareIncidentCommand, DeclareIncidentCommandValidator>();
        services.AddValidator<UpdateIncidentCommand, UpdateIncidentCommandValidator>();
        services.AddValidator<ChangeSeverityCommand, ChangeSeverityCommandValidator>();
        services.AddValidator<ChangeCommanderCommand, ChangeCommanderCommandValidator>();
        services.AddValidator<ResolveIncidentCommand, ResolveIncidentCommandValidator>();
        services.AddValidator<ShowIncidentQuery, ShowIncidentQueryValidator>();
        services.AddValidator<IncidentPostmortemQuery, IncidentPostmortemQueryValidator>();
        return services;
    }
}
