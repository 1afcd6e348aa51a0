using BenchmarkDotNet.Attributes;
using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Bot.Features.Policies;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Parsing;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ChatOps.Benchmarks;

/// <summary>
/// What the policy step adds (issue 16): `scale web 4 --cluster prod-eks` by an operator through the whole pipeline
/// under the production example (docs/policy-example.json: a weekend freeze on prod-eks, a protected namespace,
/// replica limits) versus the same bot with no policies, and the evaluator alone (facts read included) on a weekday
/// when the command passes and on a Saturday when the freeze refuses it. Kubernetes is the in-memory fake, so a
/// policy's extra deployment read costs what the fake costs, not a round trip to the API server.
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    private const string Scale = "scale web 4 --cluster prod-eks";
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Saturday = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    private ServiceProvider _withPolicy = null!;
    private ServiceProvider _withoutPolicy = null!;
    private ServiceProvider _frozen = null!;
    private CommandDispatcher _dispatchWithPolicy = null!;
    private CommandDispatcher _dispatchWithoutPolicy = null!;
    private PolicyEvaluator _evaluator = null!;
    private PolicyEvaluator _frozenEvaluator = null!;
    private IOperation _scale = null!;
    private ChatContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        _context = new ChatContext("console", "dave", "dave", "C1", null, "r-bench00001", Wednesday);
        _withPolicy = Build(policies: true, Wednesday);
        _withoutPolicy = Build(policies: false, Wednesday);
        _frozen = Build(policies: true, Saturday);
        _dispatchWithPolicy = _withPolicy.GetRequiredService<CommandDispatcher>();
        _dispatchWithoutPolicy = _withoutPolicy.GetRequiredService<CommandDispatcher>();
        _evaluator = _withPolicy.GetRequiredService<PolicyEvaluator>();
        _frozenEvaluator = _frozen.GetRequiredService<PolicyEvaluator>();
        _scale = _withPolicy.GetRequiredService<CommandParser>().Parse(Scale, _context).Operation
            ?? throw new InvalidOperationException($"'{Scale}' does not parse");

        // Each setup must do what its row claims, or the figures compare the wrong things.
        Expect(DispatchWithPolicy().GetAwaiter().GetResult(), succeeded: true);
        Expect(DispatchWithoutPolicy().GetAwaiter().GetResult(), succeeded: true);
        Expect(_frozen.GetRequiredService<CommandDispatcher>().DispatchAsync(Scale, _context, CancellationToken.None).GetAwaiter().GetResult(), succeeded: false);
        if (EvaluateAllowed().AsTask().GetAwaiter().GetResult().Verdict != PolicyVerdict.Allow
            || EvaluateFrozen().AsTask().GetAwaiter().GetResult().Verdict != PolicyVerdict.Refuse)
        {
            throw new InvalidOperationException("the production policy did not allow on Wednesday and refuse on Saturday");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // The database port is only asynchronously disposable.
        foreach (var provider in new[] { _withPolicy, _withoutPolicy, _frozen })
        {
            provider.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true)]
    public Task<OperationResult> DispatchWithoutPolicy() => _dispatchWithoutPolicy.DispatchAsync(Scale, _context, CancellationToken.None);

    [Benchmark]
    public Task<OperationResult> DispatchWithPolicy() => _dispatchWithPolicy.DispatchAsync(Scale, _context, CancellationToken.None);

    [Benchmark]
    public ValueTask<PolicyDecision> EvaluateAllowed() => _evaluator.EvaluateAsync(_scale, CancellationToken.None);

    [Benchmark]
    public ValueTask<PolicyDecision> EvaluateFrozen() => _frozenEvaluator.EvaluateAsync(_scale, CancellationToken.None);

    private static ServiceProvider Build(bool policies, DateTimeOffset now)
    {
        var example = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot.Path, "docs", "policy-example.json")).Build();
        var settings = example.AsEnumerable()
            .Where(p => policies || !p.Key.StartsWith(PolicyOptions.SectionName, StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value);
        // The example's people are Slack users; the benchmark speaks as the console's dave with the same binding.
        settings["ChatOps:Roles:Bindings:4:Subject"] = "console:dave";
        settings["ChatOps:Roles:Bindings:4:Role"] = "operator";
        settings["ChatOps:Roles:Bindings:4:Scope"] = "prod-eks";
        settings["ChatOps:Clusters:prod-eks:Kubeconfig"] = "/dev/null";
        settings["ChatOps:Clusters:staging:Kubeconfig"] = "/dev/null";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(new FixedClock(now));
        services.AddChatOpsCore(configuration);
        services.AddSingleton<IChatOpsStore>(new InMemoryChatOpsStore { RetainLast = 1000 });
        services.RemoveAll<IKubernetesOperations>();
        services.AddSingleton<IKubernetesOperations>(new FakeKubernetes { KeepCalls = false });
        return services.BuildServiceProvider();
    }

    private static void Expect(OperationResult result, bool succeeded)
    {
        if (result.IsSuccess != succeeded)
        {
            throw new InvalidOperationException($"expected {(succeeded ? "success" : "a refusal")}, got: {result}");
        }
    }

    /// <summary>Always the same instant, so the freeze is in force (or not) for the whole run.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
