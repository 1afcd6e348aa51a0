using ChatOps.Bot.Features.Silences;
using ChatOps.Bot.Infrastructure.Alertmanager;

namespace ChatOps.Bot.Hosting;

/// <summary>Alertmanager silences (issue 18 part 3): ChatOps:Alertmanagers, the v2 API adapter, the policy and the commands.</summary>
public static class SilenceServices
{
    public static IServiceCollection AddSilenceOperations(this IServiceCollection services)
    {
        services.AddValidatedOptions<AlertmanagerTargetOptions, AlertmanagerTargetOptionsValidator>(AlertmanagerTargetOptions.SectionName);

        services.AddPerCallTimedHttpClient(AlertmanagerSilences.HttpClientName);
        services.AddSingleton<IAlertSilences, AlertmanagerSilences>();
        services.AddSingleton<AlertmanagerTargets>();
        services.AddSingleton<IAlertmanagerTargets>(sp => sp.GetRequiredService<AlertmanagerTargets>());
        services.AddSingleton<IProductionTargets>(sp => sp.GetRequiredService<AlertmanagerTargets>());
        services.AddSingleton<AlertmanagerTargetRule>();
        services.AddSingleton<IDangerAssessment, SilenceDangerAssessment>();
        services.AddSingleton<IApprovalDetails, SilenceApprovalDetails>();
        services.AddSingleton<IGrammar, SilenceGrammar>();
        services.AddValidator<CreateSilenceCommand, CreateSilenceCommandValidator>();
        services.AddValidator<ListSilencesQuery, ListSilencesQueryValidator>();
        services.AddValidator<ExpireSilenceCommand, ExpireSilenceCommandValidator>();
        services.AddValidator<ExtendSilenceCommand, ExtendSilenceCommandValidator>();
        services.AddSingleton<SilenceExpiryAudit>();
        services.AddSingleton<ResolvedSilenceExpirer>();
        services.AddHostedService(sp => sp.GetRequiredService<ResolvedSilenceExpirer>());
        return services;
    }
}
