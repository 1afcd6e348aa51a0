using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Audit.Outbox;
using ChatOps.Bot.Features.Databases;
using ChatOps.Bot.Features.Queues;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Parsing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Tests.Fakes;

/// <summary>The real bot core (parser, mediator, behaviours, handlers) on fakes of its ports.</summary>
public sealed class TestBot : IAsyncDisposable
{
    private TestBot(
        ServiceProvider services, IConfigurationRoot configuration, InMemoryChatOpsStore store, TestClock clock, RecordingChatPlatform chat,
        TestScaleHandler scale, FakeKubernetes kube, FakeDatabaseOperations databases, FakeQueueBroker queues, RecordingChatPlatform console,
        MetricsProbe metrics)
    {
        Metrics = metrics;
        ConsoleChat = console;
        Queues = queues;
        Kube = kube;
        Databases = databases;
        Services = services;
        Configuration = configuration;
        Store = store;
        Clock = clock;
        Chat = chat;
        Scale = scale;
        Dispatcher = services.GetRequiredService<CommandDispatcher>();
    }

    public ServiceProvider Services { get; }

    /// <summary>This bot's own metrics, as /metrics would show them.</summary>
    public MetricsProbe Metrics { get; }

    public IConfigurationRoot Configuration { get; }

    public InMemoryChatOpsStore Store { get; }

    public TestClock Clock { get; }

    public RecordingChatPlatform Chat { get; }

    /// <summary>Stands in for the <c>log</c> platform, which console users' incident channels live on.</summary>
    public RecordingChatPlatform ConsoleChat { get; }

    public TestScaleHandler Scale { get; }

    public FakeKubernetes Kube { get; }

    public CommandDispatcher Dispatcher { get; }

    /// <summary>The database port's fake; configure targets with <see cref="WithDatabase"/>.</summary>
    public FakeDatabaseOperations Databases { get; }

    /// <summary>The queue broker port's fake; configure brokers with <see cref="WithBroker"/>.</summary>
    public FakeQueueBroker Queues { get; }

    /// <summary>The Alertmanager silences port's fake; configure Alertmanagers with <c>SilenceBots</c>.</summary>
    public FakeAlertSilences Silences => Services.GetRequiredService<FakeAlertSilences>();

    public OutboxWorker Outbox => Services.GetRequiredService<OutboxWorker>();

    /// <summary>The Slack people <c>--commander &lt;@U…&gt;</c> may name; add to <see cref="FakeUserDirectory.Users"/>.</summary>
    public FakeUserDirectory SlackUsers => Services.GetRequiredService<FakeUserDirectory>();

    public static Dictionary<string, string?> DefaultSettings() => new()
    {
        ["ChatOps:Roles:Bindings:0:Subject"] = "console:alice",
        ["ChatOps:Roles:Bindings:0:Role"] = "admin",
        ["ChatOps:Roles:Bindings:1:Subject"] = "console:bob",
        ["ChatOps:Roles:Bindings:1:Role"] = "admin",
        ["ChatOps:Roles:Bindings:2:Subject"] = "console:carol",
        ["ChatOps:Roles:Bindings:2:Role"] = "viewer",
        ["ChatOps:Roles:Bindings:3:Subject"] = "console:dave",
        ["ChatOps:Roles:Bindings:3:Role"] = "operator",
        ["ChatOps:Roles:Bindings:3:Scope"] = "prod-eks",
        ["ChatOps:Roles:Bindings:4:Subject"] = "console:erin",
        ["ChatOps:Roles:Bindings:4:Role"] = "operator",
        ["ChatOps:Roles:Bindings:4:Scope"] = "prod-eks",
        ["ChatOps:Roles:Bindings:4:Namespace"] = "default",
        ["ChatOps:Clusters:prod-eks:Kubeconfig"] = "/dev/null",
        ["ChatOps:Clusters:prod-eks:Production"] = "true",
        ["ChatOps:Clusters:staging:Kubeconfig"] = "/dev/null",
        ["ChatOps:Audit:Destinations:0"] = "slack:C-AUDIT",
    };

    public static TestBot Create(Action<Dictionary<string, string?>>? configure = null) => Create(configure, []);

    /// <summary>With more chat platforms (e.g. a Teams double that cannot create channels) besides <see cref="Chat"/> and <see cref="ConsoleChat"/>.</summary>
    public static TestBot Create(Action<Dictionary<string, string?>>? configure, IReadOnlyList<IChatPlatform> platforms)
    {
        var settings = DefaultSettings();
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var store = new InMemoryChatOpsStore();
        var clock = new TestClock();
        // The Slack double takes its channels from the settings the real platform reads.
        var chat = new RecordingChatPlatform("slack")
        {
            AuditChannel = NullIfEmpty(configuration["ChatOps:Slack:AuditChannel"]),
            AnnouncementsChannel = NullIfEmpty(configuration["ChatOps:Slack:IncidentsChannel"]),
        };
        var scale = new TestScaleHandler(store);
        var databases = new FakeDatabaseOperations();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(clock);
        var metrics = new MetricsProbe();
        services.AddSingleton(metrics.Export);
        services.AddChatOpsCore(configuration);
        services.AddSingleton<IChatOpsStore>(store);
        services.RemoveAll<IChatPlatform>();
        services.AddSingleton<IChatPlatform>(chat);
        var console = new RecordingChatPlatform("log");
        services.AddSingleton<IChatPlatform>(console);
        foreach (var platform in platforms)
        {
            services.AddSingleton(platform);
        }
        // Slack people are checked by a fake directory; Teams' is the real one (it asks no server).
        var slackUsers = new FakeUserDirectory("slack");
        services.AddSingleton(slackUsers);
        services.AddSingleton<IUserDirectory>(slackUsers);
        services.AddSingleton<IUserDirectory, ChatOps.Bot.Chat.Teams.TeamsUserDirectory>();
        services.AddSingleton<IGrammar, TestScaleGrammar>();
        services.AddSingleton(scale);
        var kube = new FakeKubernetes();
        services.RemoveAll<ChatOps.Bot.Features.Kubernetes.IKubernetesOperations>();
        services.AddSingleton<ChatOps.Bot.Features.Kubernetes.IKubernetesOperations>(kube);
        services.AddSingleton<IDatabaseOperations>(databases);
        var queues = new FakeQueueBroker();
        services.RemoveAll<ChatOps.Bot.Features.Queues.IQueueBroker>();
        services.AddSingleton<ChatOps.Bot.Features.Queues.IQueueBroker>(queues);
        services.RemoveAll<ChatOps.Bot.Features.Silences.IAlertSilences>();
        services.AddSingleton<FakeAlertSilences>();
        services.AddSingleton<ChatOps.Bot.Features.Silences.IAlertSilences>(sp => sp.GetRequiredService<FakeAlertSilences>());
        services.RemoveAll<IOperationRunner>();
        services.AddScoped<IOperationRunner>(sp => new PipelineHarness(sp, new MediatorOperationRunner(sp.GetRequiredService<Mediator.ISender>()), scale));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return new TestBot(provider, configuration, store, clock, chat, scale, kube, databases, queues, console, metrics);
    }

    /// <summary>Adds a database target to the settings (the fake ignores the connection string).</summary>
    public static void WithDatabase(Dictionary<string, string?> settings, string name, bool production = false, params string[] protectedUsers)
    {
        settings[$"ChatOps:Databases:{name}:ConnectionString"] = $"Host=db.invalid;Database={name};Password=never-shown";
        settings[$"ChatOps:Databases:{name}:Production"] = production ? "true" : "false";
        for (var i = 0; i < protectedUsers.Length; i++)
        {
            settings[$"ChatOps:Databases:{name}:ProtectedUsers:{i}"] = protectedUsers[i];
        }
    }

    /// <summary>Adds a broker target to the settings (the fake ignores its URL and credentials).</summary>
    public static void WithBroker(Dictionary<string, string?> settings, string name, bool production = false, string kind = "RabbitMq")
    {
        settings[$"ChatOps:Brokers:{name}:Kind"] = kind;
        settings[$"ChatOps:Brokers:{name}:Url"] = $"http://{name}.invalid:15672";
        settings[$"ChatOps:Brokers:{name}:User"] = "bot";
        settings[$"ChatOps:Brokers:{name}:Password"] = "never-shown";
        settings[$"ChatOps:Brokers:{name}:Production"] = production ? "true" : "false";
    }

    public Task<OperationResult> RunAsync(string user, string text) =>
        Dispatcher.DispatchAsync(text, Context(user), CancellationToken.None);

    public ChatContext Context(string user) =>
        new("console", user, user, "C-OPS", null, RequestIds.New(), Clock.GetUtcNow());

    /// <summary>Changes configuration the way a reloaded file would, so IOptionsMonitor consumers see it.</summary>
    public void Reconfigure(string key, string? value)
    {
        Configuration[key] = value;
        Configuration.Reload();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Metrics.Dispose();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
