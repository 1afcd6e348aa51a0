using ChatOps.Bot.Chat;
using ChatOps.Bot.Chat.Console;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Alerts;
using ChatOps.Bot.Features.Audit.Outbox;
using ChatOps.Bot.Features.Help;
using ChatOps.Bot.Features.Incidents;
using ChatOps.Bot.Features.Policies;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Infrastructure.Vault;
using ChatOps.Bot.Pipeline;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOps.Bot.Hosting;

/// <summary>Everything the bot is, minus its transports: shared by the HTTP host, the console and the tests.</summary>
public static class CoreServices
{
    public static IServiceCollection AddChatOpsCore(this IServiceCollection services, IConfiguration configuration)
    {
        // Options bind from the IConfiguration in the container; hosts have registered theirs already.
        services.TryAddSingleton(configuration);
        services.AddChatOpsOptions();
        services.AddSecretRedaction();
        services.AddChatOpsMetrics();
        services.AddChatOpsStore();
        // The first hosted service of all: the operation modules below register workers (incident timers) that touch
        // the store as soon as they start, and must find it migrated.
        services.AddHostedService<StoreMigration>();
        services.TryAddSingletonTimeProvider();

        services.AddPipeline();
        services.AddScoped<IOperationRunner, MediatorOperationRunner>();
        services.AddScoped<ProgressRelay>();
        services.AddScoped<IOperationProgress>(sp => sp.GetRequiredService<ProgressRelay>());

        services.AddCoreCommands();
        services.AddKubernetesOperations();
        services.AddDatabaseOperations();
        services.AddIncidentOperations();
        services.AddQueueOperations();
        services.AddSilenceOperations();
        services.AddPolicies();
        services.AddDispatch();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<AuditLines>();
        services.AddSingleton<PendingAuditRecords>();
        services.AddSingleton<RolePolicy>();
        services.AddSingleton<ITargetCatalog, TargetCatalog>();
        services.AddSingleton<IGroupDirectory>(sp => new GroupDirectories(sp.GetServices<IPlatformGroupDirectory>));
        services.AddSingleton<IChatPlatform, LogChatPlatform>();
        services.AddSingleton<IUserDirectory, ConsoleUserDirectory>();

        services.AddAuditWorkers();
        // Last to start, so first to stop: the drain lets commands in flight finish before the workers go.
        services.AddHostedService<InFlightDrain>();
        return services;
    }

    /// <summary>The Mediator and its behaviours, in the order every command passes them.</summary>
    private static void AddPipeline(this IServiceCollection services) =>
        services.AddMediator((MediatorOptions options) =>
        {
            // Transient, not scoped: a command resolves the mediator, its behaviours and its handler once each anyway,
            // and as transients they skip the request scope's cache of resolved services, a dictionary that grew three
            // times per command (~1.3 KB, issue 19). None of them is disposable, so the scope tracks nothing for them;
            // what a command shares (its progress relay) stays scoped.
            options.ServiceLifetime = ServiceLifetime.Transient;

            // Order matters. Exceptions outermost so nothing escapes as a stack trace; audit next so that every
            // outcome below it (invalid, denied, awaiting approval, failed) is recorded, and a mutating request is
            // written before validation, authorization, approval or the handler can act; then the cheap checks,
            // from "well-formed" to "may this person" to "now, this much" (policy) to "a second person". Authorization
            // first: otherwise anyone could probe freezes and make approval previews read production. Policy before
            // approval: a frozen command never becomes a pending approval. PipelineOrderTests pins every position.
            options.PipelineBehaviors =
            [
                typeof(ExceptionMappingBehavior<,>),
                typeof(AuditBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(AuthorizationBehavior<,>),
                typeof(PolicyBehavior<,>),
                typeof(ApprovalBehavior<,>),
            ];
        });

    /// <summary>The commands that are no feature of their own: help, audit, approve and deny, and the unparsed line.</summary>
    private static void AddCoreCommands(this IServiceCollection services)
    {
        services.AddSingleton<IGrammar, HelpGrammar>();
        services.AddSingleton<IGrammar, AuditGrammar>();
        services.AddSingleton<IGrammar, ApprovalGrammar>();
        services.AddValidator<UnparsedCommand, UnparsedCommandValidator>();
        services.AddValidator<ShowAuditQuery, ShowAuditQueryValidator>();
        services.AddValidator<VerifyAuditQuery, VerifyAuditQueryValidator>();
        services.AddValidator<ApproveCommand, ApproveCommandValidator>();
        services.AddValidator<DenyCommand, DenyCommandValidator>();
    }

    /// <summary>
    /// What every chat adapter uses, whichever platforms are on: delivery claims and the one card-click algorithm.
    /// Try-added, so Slack and Teams together register each once.
    /// </summary>
    internal static IServiceCollection AddChatAdapterCommon(this IServiceCollection services)
    {
        services.TryAddSingleton<IIdempotencyStore>(sp => sp.GetRequiredService<IChatOpsStore>());
        services.TryAddSingleton<DeliveryClaims>();
        services.TryAddSingleton<ICardDecisions, ApprovalCardDecisions>();
        services.TryAddSingleton<CardActions>();
        return services;
    }

    /// <summary>The parser over every registered grammar, and the dispatcher every adapter hands text to.</summary>
    private static void AddDispatch(this IServiceCollection services)
    {
        services.AddSingleton(sp => new CommandRegistry(sp.GetServices<IGrammar>()));
        services.AddSingleton<CommandParser>();
        services.AddSingleton<CommandDispatcher>();
        services.AddSingleton<ICommandDispatcher>(sp => sp.GetRequiredService<CommandDispatcher>());
        services.AddSingleton<CommandRateLimiter>();
        services.AddSingleton<InFlightCommands>();
        services.AddSingleton<IOverloadAudit, OverloadAudit>();
    }

    /// <summary>The outbox and audit workers, in the order they must start; hosted services stop in reverse.</summary>
    private static void AddAuditWorkers(this IServiceCollection services)
    {
        services.AddSingleton<OutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());

        // After the outbox worker so it stops before it (the final head goes out in the worker's last delivery), and
        // before the flusher so records held in memory are written before the final head is read.
        services.AddSingleton<AuditHeadPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditHeadPublisher>());
        services.AddHostedService<PendingAuditFlusher>();
        services.AddSingleton<AuditOrphanSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditOrphanSweep>());
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static void AddChatOpsOptions(this IServiceCollection services)
    {
        services.AddValidatedOptions<StoreOptions, StoreOptionsValidator>(StoreOptions.SectionName);
        services.AddValidatedOptions<RolesOptions, RolesOptionsValidator>(RolesOptions.SectionName);
        services.AddValidatedOptions<ApprovalOptions, ApprovalOptionsValidator>(ApprovalOptions.SectionName);
        services.AddValidatedOptions<PolicyOptions, PolicyOptionsValidator>(PolicyOptions.SectionName);
        services.AddSingleton<IValidateOptions<PolicyOptions>, ApprovalRuleOptionsValidator>();
        services.AddValidatedOptions<AuditOptions, AuditOptionsValidator>(AuditOptions.SectionName);
        services.AddValidatedOptions<OutboxOptions, OutboxOptionsValidator>(OutboxOptions.SectionName);
        services.AddValidatedOptions<TargetOptions, TargetOptionsValidator>(TargetOptions.SectionName);
        services.AddValidatedOptions<SlackOptions, PlatformOptionsValidator>(SlackOptions.SectionName);
        services.AddValidatedOptions<TeamsOptions, PlatformOptionsValidator>(TeamsOptions.SectionName);
        services.AddValidatedOptions<IncidentOptions, PlatformOptionsValidator>(IncidentOptions.SectionName);
        services.AddValidatedOptions<VaultOptions, VaultOptionsValidator>(VaultOptions.SectionName);
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.SectionName);
        services.AddValidatedOptions<DispatchOptions, DispatchOptionsValidator>(DispatchOptions.SectionName);
        services.AddValidatedOptions<HttpOptions, HttpOptionsValidator>(HttpOptions.SectionName);
        services.AddValidatedOptions<AlertmanagerOptions, AlertmanagerOptionsValidator>(AlertmanagerOptions.SectionName);
    }
}
