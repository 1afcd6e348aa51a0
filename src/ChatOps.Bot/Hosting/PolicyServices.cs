using ChatOps.Bot.Features.BreakGlass;
using ChatOps.Bot.Features.Policies;
using ChatOps.Bot.Parsing;

namespace ChatOps.Bot.Hosting;

public static class PolicyServices
{
    /// <summary>The policy engine's gatherer, the per-request decision the approval step reads, and <c>policy test</c>.</summary>
    public static IServiceCollection AddPolicies(this IServiceCollection services)
    {
        services.AddSingleton<IGrammar, PolicyGrammar>();
        services.AddSingleton<IGrammar, BreakGlassGrammar>();
        services.AddSingleton<IIncidentStandings, StoredIncidentStandings>();
        services.AddSingleton<PolicyEvaluator>();
        services.AddSingleton<PolicyExplainer>();
        services.AddScoped<PolicyDecisions>();
        services.AddScoped<Pipeline.BreakGlassMarks>();
        return services;
    }
}
