using BenchmarkDotNet.Attributes;
using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Parsing;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Benchmarks;

/// <summary>Parse alone, and parse + the whole pipeline (audit included) on in-memory ports.</summary>
[MemoryDiagnoser]
public class CommandBenchmarks
{
    private ServiceProvider _services = null!;
    private CommandDispatcher _dispatcher = null!;
    private CommandParser _parser = null!;
    private ChatContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatOps:Roles:Bindings:0:Subject"] = "console:alice",
            ["ChatOps:Roles:Bindings:0:Role"] = "admin",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddChatOpsCore(configuration);
        services.AddSingleton<IChatOpsStore>(new InMemoryChatOpsStore { RetainLast = 1000 });
        _services = services.BuildServiceProvider();
        _dispatcher = _services.GetRequiredService<CommandDispatcher>();
        _parser = _services.GetRequiredService<CommandParser>();
        _context = new ChatContext("console", "alice", "alice", "C1", null, "r-bench00001", DateTimeOffset.UtcNow);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public ParseResult ParseHelp() => _parser.Parse("help", _context);

    [Benchmark]
    public ParseResult ParseAuditWithFlags() => _parser.Parse("audit --last 5 --user U024BE7LH --since 1h", _context);

    [Benchmark]
    public Task<OperationResult> DispatchHelp() => _dispatcher.DispatchAsync("help", _context, CancellationToken.None);

    [Benchmark]
    public Task<OperationResult> DispatchWhoAmI() => _dispatcher.DispatchAsync("whoami", _context, CancellationToken.None);
}
