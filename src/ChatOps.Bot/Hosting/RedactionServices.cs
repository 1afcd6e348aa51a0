using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Hosting;

/// <summary>The one secret redactor every chat-bound text goes through (issue 20, item 9).</summary>
public static class RedactionServices
{
    public static IServiceCollection AddSecretRedaction(this IServiceCollection services)
    {
        services.AddValidatedOptions<RedactionOptions, RedactionOptionsValidator>(RedactionOptions.SectionName);
        services.AddSingleton<ISecretRedactor, SecretRedactor>();
        return services;
    }
}
