using ChatOps.Bot.Features.BreakGlass;
using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Hosting;

public static class PolicyServices
{
    /// <summary>The policy engine's gatherer, the per-request decision the approval step reads, <c>policy test</c>, and break-glass with its expiry announcer.</summary>
    public static IServiceCollection AddPolicies(this IServiceCollection services)
    {
        services.AddSingleton<IGrammar, PolicyGrammar>();
        services.AddSingleton<IGrammar, BreakGlassGrammar>();
        services.AddSingleton<IIncidentStandings, StoredIncidentStandings>();
        services.AddSingleton<PolicyEvaluator>();
        services.AddSingleton<PolicyExplainer>();
        services.AddSingleton<Features.Approvals.IApprovalRecheck, PolicyApprovalRecheck>();
        services.AddScoped<PolicyDecisions>();
        services.AddScoped<Pipeline.BreakGlassMarks>();
        services.AddSingleton<ElevationExpiryAnnouncer>();
        services.AddHostedService(sp => sp.GetRequiredService<ElevationExpiryAnnouncer>());
        return services;
    }
}
