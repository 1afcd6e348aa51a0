namespace ChatOps.Bot.Hosting;

/// <summary>How every options section is registered: bound from its configuration section and checked at start.</summary>
internal static class OptionsRegistration
{
    /// <summary>A bad section stops the host at start with the validator's lines, not at first use.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services;
    }
}
