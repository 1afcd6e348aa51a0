using ChatOps.Bot.Features.Databases;
using ChatOps.Bot.Infrastructure.Databases;

namespace ChatOps.Bot.Hosting;

/// <summary>PostgreSQL session operations (issue 4): the port, its Npgsql adapter and the commands.</summary>
public static class DatabaseServices
{
    public static IServiceCollection AddDatabaseOperations(this IServiceCollection services)
    {
        services.AddSingleton<IDatabaseTargets, DatabaseTargets>();
        services.AddSingleton<DatabaseTargetRule>();
        services.AddSingleton<IDatabaseOperations, PostgresDatabaseOperations>();
        services.AddSingleton<IGrammar, DatabaseGrammar>();
        services.AddSingleton<SessionSnapshot>();
        services.AddSingleton<Features.Policies.IPolicyFacts, BulkKillPolicyFacts>();
        services.AddSingleton<ChatOps.Bot.Features.Approvals.IApprovalDetails, KillApprovalDetails>();

        // Scoped: it re-sends the bound command through the request's own IOperationRunner.
        services.AddScoped<BulkKill>();

        services.AddValidator<ListSessionsQuery, ListSessionsQueryValidator>();
        services.AddValidator<KillSessionPromptQuery, KillSessionPromptQueryValidator>();
        services.AddValidator<KillSessionCommand, KillSessionCommandValidator>();
        services.AddValidator<KillSessionsCommand, KillSessionsCommandValidator>();
        services.AddValidator<KillIdleSessionsCommand, KillIdleSessionsCommandValidator>();
        return services;
    }
}
