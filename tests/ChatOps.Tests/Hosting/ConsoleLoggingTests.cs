using ChatOps.Bot.Hosting;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace ChatOps.Tests.Hosting;

/// <summary>Issue 21.3: the console's log levels on the documented appsettings.json (which raises Microsoft.Hosting.Lifetime).</summary>
public sealed class ConsoleLoggingTests
{
    private static readonly IConfiguration Documented = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(RepositoryRoot.Path, "appsettings.json"))
        .Build();

    [Fact]
    public void WithoutVerbose_LifetimeMessagesAreHidden_WarningsAndAuditLinesShown()
    {
        var seen = Emit(verbose: false);

        seen.ShouldBe(["Microsoft.Hosting.Lifetime: host is stopping badly", "ChatOps.AuditChannel: audit: alice ran whoami", "ChatOps.Core: a warning"]);
    }

    [Fact]
    public void WithVerbose_TheConfiguredLevelsApply()
    {
        var seen = Emit(verbose: true);

        seen.ShouldContain("Microsoft.Hosting.Lifetime: Application started. Press Ctrl+C to shut down.");
        seen.ShouldContain("ChatOps.AuditChannel: audit: alice ran whoami");
    }

    private static List<string> Emit(bool verbose)
    {
        var sink = new Collect();
        using var logger = ConsoleLogging.Levels(new LoggerConfiguration(), Documented, verbose).WriteTo.Sink(sink).CreateLogger();
        logger.ForContext(Constants.SourceContextPropertyName, "Microsoft.Hosting.Lifetime").Information("Application started. Press Ctrl+C to shut down.");
        logger.ForContext(Constants.SourceContextPropertyName, "Microsoft.Hosting.Lifetime").Information("Hosting environment: Production");
        logger.ForContext(Constants.SourceContextPropertyName, "Microsoft.Hosting.Lifetime").Warning("host is stopping badly");
        logger.ForContext(Constants.SourceContextPropertyName, "ChatOps.AuditChannel").Information("audit: alice ran whoami");
        logger.ForContext(Constants.SourceContextPropertyName, "ChatOps.Core").Information("an information");
        logger.ForContext(Constants.SourceContextPropertyName, "ChatOps.Core").Warning("a warning");
        return sink.Lines;
    }

    private sealed class Collect : ILogEventSink
    {
        public List<string> Lines { get; } = [];

        public void Emit(LogEvent logEvent) =>
            Lines.Add($"{((ScalarValue)logEvent.Properties[Constants.SourceContextPropertyName]).Value}: {logEvent.RenderMessage()}");
    }
}
