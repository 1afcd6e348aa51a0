namespace ChatOps.Bot.Hosting;

/// <summary>How the clients of configured remote APIs (Prometheus, Alertmanager, RabbitMQ, Jolokia) are registered.</summary>
internal static class HttpClientRegistration
{
    /// <summary>
    /// A named client with no timeout of its own: each call bounds itself with its target's <c>RequestTimeout</c>,
    /// which differs per server, so a client-wide timeout would cut the slower ones short.
    /// </summary>
    public static IServiceCollection AddPerCallTimedHttpClient(this IServiceCollection services, string name)
    {
        services.AddHttpClient(name, c => c.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }
}
