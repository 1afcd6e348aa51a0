using ChatOps.Bot.Commands;
using ChatOps.Bot.Configuration;
using ChatOps.Bot.Infrastructure.Databases;
using ChatOps.Bot.Operations.Databases;

namespace ChatOps.Bot.Hosting;

/// <summary>PostgreSQL session operations (issue 4): the port, its Npgsql adapter and the commands.</summary>
public static class DatabaseServices
{
    public static IServiceCollection AddDatabaseOperations(this IServiceCollection services)
    {
        services.AddSingleton<IDatabaseTargets, DatabaseTargets>();
        services.AddSingleton<DatabaseTargetRule>();
        services.AddSingleton<IDatabaseOperations, PostgresDatabaseOperations>();
        services.AddSingleton<ICommandModule, DatabaseCommands>();
        services.AddSingleton<ChatOps.Bot.Operations.Approvals.IApprovalDetails, KillApprovalDetails>();

        // Scoped: it re-sends the bound command through the request's own IOperationRunner.
        services.AddScoped<BulkKill>();
        return services;
    }
}
