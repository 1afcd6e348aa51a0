using FluentValidation;

namespace ChatOps.Bot.Hosting;

/// <summary>
/// Validators are registered by name, each with its feature, not found by scanning the assembly: a scan loads every
/// type of the bot and the assemblies their signatures name (KubernetesClient with no cluster configured), which cost
/// 29–47 ms of start-up and ≈ 4 MiB of resident memory (issue 19). ValidatorRegistrationTests finds the ones left out.
/// </summary>
internal static class ValidatorRegistration
{
    public static IServiceCollection AddValidator<TMessage, TValidator>(this IServiceCollection services)
        where TValidator : class, IValidator<TMessage> =>
        services.AddSingleton<IValidator<TMessage>, TValidator>();
}
