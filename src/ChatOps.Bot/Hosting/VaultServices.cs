using ChatOps.Bot.Diagnostics;
using ChatOps.Bot.Infrastructure.Vault;

namespace ChatOps.Bot.Hosting;

/// <summary>
/// Secrets from Vault, when <c>ChatOps:Vault:Address</c> is set: read now, while the host is being built, so they
/// are configuration like any other key when the options are validated; kept current by <see cref="VaultRefreshService"/>.
/// </summary>
public static class VaultServices
{
    public static TBuilder AddChatOpsVault<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        if (string.IsNullOrEmpty(builder.Configuration[$"{VaultOptions.SectionName}:Address"]))
        {
            return builder;
        }

        var options = builder.Configuration.GetSection(VaultOptions.SectionName).Get<VaultOptions>() ?? new VaultOptions();
        var check = new VaultOptionsValidator().Validate(null, options);
        if (check.Failed)
        {
            throw new OptionsValidationException(VaultOptions.SectionName, typeof(VaultOptions), check.Failures);
        }

        // The clock the container will hand out, when a test registered one already; the system clock otherwise.
        var clock = builder.Services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider))?.ImplementationInstance as TimeProvider;
        if (clock is null)
        {
            clock = TimeProvider.System;
            builder.Services.AddSingleton(clock);
        }

        // A long-lived client: recycled connections follow Vault's DNS when it fails over.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var http = new VaultHttp(new HttpClient(handler) { Timeout = options.RequestTimeout }, options);
        var tokens = new VaultTokenKeeper(new VaultAuthenticator(http, options), clock);
        var provider = new VaultConfigurationProvider(options, new VaultKv(http, tokens));

        // Added last, so Vault's values win over appsettings.json and the environment. Adding it loads it: when
        // Vault cannot be read, the start ends here with a VaultException naming the path.
        builder.Configuration.Add(new VaultConfigurationSource(provider));
        var readAt = clock.GetUtcNow();

        builder.Services.AddSingleton(provider);
        builder.Services.AddSingleton(tokens);
        builder.Services.AddHostedService(sp =>
        {
            // The first read happened above, before the container (and so the metrics) existed.
            var metrics = sp.GetRequiredService<ChatOpsMetrics>();
            metrics.VaultSecretsRead(readAt);
            return new VaultRefreshService(provider, tokens, options, sp.GetRequiredService<TimeProvider>(), metrics,
                sp.GetRequiredService<ILogger<VaultRefreshService>>(), sp.GetService<IStartupValidator>());
        });
        return builder;
    }
}
