using ChatOps.Bot.Hosting;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Hosting;

/// <summary>
/// Validators are registered by hand, feature by feature (no assembly scan at start-up), so a validator written and
/// not registered would silently never run: the command would reach its handler unchecked.
/// </summary>
public sealed class ValidatorRegistrationTests
{
    [Fact]
    public void EveryValidatorInTheBot_IsRegisteredOnce_ForTheMessageItValidates()
    {
        var services = new ServiceCollection().AddLogging().AddChatOpsCore(new ConfigurationBuilder().Build());

        var registered = services
            .Where(d => IsValidatorService(d.ServiceType))
            .Select(d => $"{Name(d.ServiceType)} <- {d.ImplementationType?.Name ?? "(factory)"} {d.Lifetime}")
            .Order()
            .ToList();
        var written = typeof(CoreServices).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces().Where(IsValidatorService).Select(i => $"{Name(i)} <- {t.Name} Singleton"))
            .Order()
            .ToList();

        written.Count.ShouldBeGreaterThan(40);
        registered.ShouldBe(written);
    }

    private static bool IsValidatorService(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IValidator<>);

    private static string Name(Type validatorService) => $"IValidator<{validatorService.GetGenericArguments()[0].Name}>";
}
