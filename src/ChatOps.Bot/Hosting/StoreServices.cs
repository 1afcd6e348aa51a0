using ChatOps.Bot.Features.Alerts;
using ChatOps.Bot.Features.Audit.Outbox;
using ChatOps.Bot.Features.BreakGlass;
using ChatOps.Bot.Features.Incidents;
using ChatOps.Bot.Infrastructure.Databases;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Infrastructure.Storage.Postgres;
using ChatOps.Bot.Infrastructure.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Bot.Hosting;

/// <summary>Picks the store named by ChatOps:Store:Provider and exposes it through each port.</summary>
public static class StoreServices
{
    public static IServiceCollection AddChatOpsStore(this IServiceCollection services)
    {
        // Relative to where the bot was started (not its binary), fixed once so every reader sees the same file.
        services.PostConfigure<StoreOptions>(o =>
        {
            if (o.Provider == StoreProvider.Sqlite)
            {
                o.ConnectionString = DataFolder.Anchor(o.ConnectionString, Environment.CurrentDirectory);
            }
        });
        services.AddSingleton(sp =>
        {
            var (keys, warning) = AuditChainKeyring.Resolve(
                sp.GetRequiredService<IOptions<AuditOptions>>().Value, sp.GetRequiredService<IOptions<StoreOptions>>().Value);
            return new AuditChainKeySource(keys, warning);
        });
        services.AddSingleton(sp => sp.GetRequiredService<AuditChainKeySource>().Keys);
        services.AddSingleton<IChatOpsStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            var keys = sp.GetRequiredService<AuditChainKeys>();
            return options.Provider switch
            {
                StoreProvider.Postgres => PostgresStore(sp, keys),
                _ => new SqliteChatOpsStore(options.ConnectionString, keys),
            };
        });

        services.AddSingleton<PostgresStoreDataSource>();
        services.AddSingleton<IAuditLog>(sp => new GroupCommitAuditLog(sp.GetRequiredService<IChatOpsStore>()));
        services.AddSingleton<IApprovalStore>(sp => sp.GetRequiredService<IChatOpsStore>());
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<IChatOpsStore>());
        services.AddSingleton<IIncidentStore>(sp => sp.GetRequiredService<IChatOpsStore>());
        services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<IChatOpsStore>());
        services.AddSingleton<IElevationStore>(sp => sp.GetRequiredService<IChatOpsStore>());
        services.AddSingleton<IActiveElevations>(sp => sp.GetRequiredService<IChatOpsStore>());
        services.AddSingleton<IElevationExpiryStore>(sp => sp.GetRequiredService<IChatOpsStore>());
        services.AddSingleton<Features.Policies.IRunHistory>(sp => sp.GetRequiredService<IChatOpsStore>());
        services.TryAddSingleton<IIdempotencyStore>(sp => sp.GetRequiredService<IChatOpsStore>());
        return services;
    }

    // Its own method, so the factory above names no Npgsql type and the SQLite path never loads the assembly.
    private static PostgresChatOpsStore PostgresStore(IServiceProvider sp, AuditChainKeys keys) =>
        new(sp.GetRequiredService<PostgresStoreDataSource>().Get(), keys);
}
