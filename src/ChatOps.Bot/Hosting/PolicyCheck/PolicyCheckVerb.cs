using ChatOps.Bot.Features.Policies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Bot.Hosting.PolicyCheck;

/// <summary>
/// <c>policy check --config appsettings.json --cases policy-cases.yaml</c>: the engine behind <c>policy test</c>,
/// offline — no store, no servers — over a file of cases, so a team keeps its policy under review and CI.
/// Exit 0: every case as expected; 1: a mismatch; 2: bad usage, configuration or case.
/// </summary>
public static class PolicyCheckVerb
{
    public const string Usage = "usage: policy check [--config appsettings.json] --cases policy-cases.yaml";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryArgs(args, out var config, out var casesFile))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            var cases = PolicyCaseFile.Parse(await File.ReadAllTextAsync(casesFile));
            await using var services = Services(new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(config), optional: false).Build());
            var failed = await new PolicyCheckRunner(
                services.GetRequiredService<PolicyExplainer>(), services.GetRequiredService<CaseFacts>(), TimeProvider.System)
                .RunAsync(cases, output);
            return failed == 0 ? 0 : 1;
        }
        catch (Exception e) when (e is PolicyCaseException or OptionsValidationException or IOException or InvalidDataException)
        {
            await error.WriteLineAsync($"policy check: {Where(e, casesFile, config)}{e.Message}");
            return 2;
        }
    }

    private static string Where(Exception e, string casesFile, string config) =>
        e is PolicyCaseException ? $"{casesFile}: " : e is OptionsValidationException ? $"{config}: " : string.Empty;

    private static bool TryArgs(string[] args, out string config, out string cases)
    {
        (config, cases) = ("appsettings.json", string.Empty);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--config": config = args[i + 1]; break;
                case "--cases": cases = args[i + 1]; break;
                default: return false;
            }
        }

        return args.Length % 2 == 0 && cases.Length > 0;
    }

    /// <summary>
    /// The bot's own composition on the given configuration, with the server-backed facts answered by the case.
    /// Hosted services never start, so nothing connects or migrates; options are validated up front.
    /// </summary>
    internal static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<CaseFacts>();
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<CaseFacts>());
        services.AddChatOpsCore(configuration);
        services.RemoveAll<IPolicyFacts>();
        services.AddSingleton<IPolicyFacts>(sp => sp.GetRequiredService<CaseFacts>());
        services.Replace(ServiceDescriptor.Singleton<IIncidentStandings>(sp => sp.GetRequiredService<CaseFacts>()));
        services.Replace(ServiceDescriptor.Singleton<IGroupDirectory>(sp => sp.GetRequiredService<CaseFacts>()));
        services.Replace(ServiceDescriptor.Singleton<IActiveElevations>(sp => sp.GetRequiredService<CaseFacts>()));
        services.Replace(ServiceDescriptor.Singleton<IRunHistory>(sp => sp.GetRequiredService<CaseFacts>()));
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptionsMonitor<RolesOptions>>().CurrentValue;
        _ = provider.GetRequiredService<IOptionsMonitor<TargetOptions>>().CurrentValue;
        _ = provider.GetRequiredService<IOptionsMonitor<ApprovalOptions>>().CurrentValue;
        _ = provider.GetRequiredService<IOptionsMonitor<PolicyOptions>>().CurrentValue;
        return provider;
    }
}
