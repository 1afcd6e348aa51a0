using Serilog;
using Serilog.Events;

namespace ChatOps.Bot.Hosting;

/// <summary>
/// Log levels of the console host. Standard output carries the answers; the log goes to standard error and says only
/// what needs attention (Warning and above), plus audit-channel lines, which are what an operator at the console wants
/// to see. The host's lifetime messages ("Application started", "Hosting environment", "Content root path") are
/// noise there, also when appsettings.json raises <c>Microsoft.Hosting.Lifetime</c> to Information for the web host,
/// so they are held back unless <c>--verbose</c> asks for the configured levels. Start-up failures are reported by
/// StartupGuard in one line, so the host's own stack trace for them is left out either way.
/// </summary>
public static class ConsoleLogging
{
    public const string VerboseFlag = "--verbose";

    public static LoggerConfiguration Levels(LoggerConfiguration lc, IConfiguration configuration, bool verbose)
    {
        lc.ReadFrom.Configuration(configuration, LoggingAssemblies.Options())
            .MinimumLevel.Override("Microsoft.Extensions.Hosting", LogEventLevel.Fatal)
            .MinimumLevel.Override("ChatOps.AuditChannel", LogEventLevel.Information);
        // Serilog applies the most specific override, so the configured Microsoft.Hosting.Lifetime level is replaced
        // by name, not by a broader "Microsoft" one.
        return verbose
            ? lc
            : lc.MinimumLevel.Warning()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Warning);
    }
}
