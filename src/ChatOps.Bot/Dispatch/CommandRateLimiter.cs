using System.Threading.RateLimiting;
using ChatOps.Bot.Diagnostics;

namespace ChatOps.Bot.Dispatch;

/// <summary>
/// Per-user and per-command abuse limits, on ASP.NET Core's rate limiting primitives (fixed windows partitioned by
/// the platform identity). It runs in the dispatcher, after the adapter has authenticated the request and before
/// the pipeline, so a refusal is an ordinary chat answer in the platform's format, never a bare 429, and an approved
/// request re-run by <c>approve</c> is not counted again. Refusals are counted and logged, not audited: an audit line
/// per refusal would let one person flood the audit channel this limit protects.
/// </summary>
public sealed class CommandRateLimiter : IDisposable
{
    /// <summary>The console is a local shell user who could run anything anyway; scripts pipe many lines into it.</summary>
    private const string Unlimited = "console";

    private readonly Lazy<Limits> _limits;
    private readonly ChatOpsMetrics _metrics;
    private readonly ILogger<CommandRateLimiter> _logger;

    public CommandRateLimiter(IOptions<RateLimitOptions> options, ChatOpsMetrics metrics, ILogger<CommandRateLimiter> logger)
    {
        // Built on first use: the options are validated at start by the host, and a bad value must surface there
        // (naming its key), not as a failure to construct the dispatcher.
        _limits = new Lazy<Limits>(() => new Limits(options.Value));
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Null when the command may run; otherwise the friendly refusal to answer with.</summary>
    public OperationResult? Check(ChatContext context, string command)
    {
        if (context.Platform == Unlimited)
        {
            return null;
        }

        var limits = _limits.Value;
        var key = new RateLimitKey(context.Subject, RateLimitKeys.Normalize(command));
        // Most commands have no limit of their own: they skip that limiter rather than lease from a no-op one.
        if (limits.CommandRules.TryGetValue(key.Command, out var commandRule))
        {
            using var commandLease = limits.PerCommand.AttemptAcquire(key);
            if (!commandLease.IsAcquired)
            {
                return Refuse(context, command, commandLease, commandRule, $"`{command}` commands");
            }
        }

        using var userLease = limits.PerUser.AttemptAcquire(key);
        return userLease.IsAcquired ? null : Refuse(context, command, userLease, limits.UserRule, "commands");
    }

    private OperationResult Refuse(ChatContext context, string command, RateLimitLease lease, RateLimitRule rule, string what)
    {
        _metrics.RateLimited(context.Platform, command);
        _logger.LogWarning("Rate limit: {Command} from {Subject} refused", command, context.Subject);
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : rule.Window;
        return OperationResult.Denied(
            $"slow down: at most {rule.PermitLimit.ToString(CultureInfo.InvariantCulture)} {what} per {Describe(rule.Window)}; " +
            $"try again in {Describe(wait)}. Nothing was run.");
    }

    public void Dispose()
    {
        if (_limits.IsValueCreated)
        {
            _limits.Value.PerUser.Dispose();
            _limits.Value.PerCommand.Dispose();
        }
    }

    /// <summary>A fixed window per partition, made the first time the partition is seen.</summary>
    private static Func<string, RateLimiter> Windows(RateLimitRule rule) => _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
    {
        PermitLimit = rule.PermitLimit,
        Window = rule.Window,
        QueueLimit = 0,
    });

    private static string Describe(TimeSpan span) => span.TotalSeconds < 90
        ? $"{Math.Max(1, Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s"
        : span.TotalMinutes < 90
            ? $"{Math.Ceiling(span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min"
            : $"{Math.Ceiling(span.TotalHours).ToString(CultureInfo.InvariantCulture)} h";

    /// <summary>A struct: every command is checked, and the partitioners read it only to name their partition.</summary>
    private readonly record struct RateLimitKey(string Subject, string Command);

    /// <summary>
    /// The partitioners and the limiter factories are made once: the library's GetFixedWindowLimiter would wrap a new
    /// options closure for every command checked, only to find the partition already made.
    /// </summary>
    private sealed class Limits
    {
        public Limits(RateLimitOptions options)
        {
            UserRule = options.PerUser;
            CommandRules = options.PerCommand.ToDictionary(p => RateLimitKeys.Normalize(p.Key), p => p.Value, StringComparer.Ordinal);
            var userWindows = Windows(UserRule);
            var commandWindows = CommandRules.ToDictionary(p => p.Key, p => Windows(p.Value), StringComparer.Ordinal);
            PerUser = PartitionedRateLimiter.Create<RateLimitKey, string>(k => RateLimitPartition.Get(k.Subject, userWindows));
            PerCommand = PartitionedRateLimiter.Create<RateLimitKey, string>(k => RateLimitPartition.Get($"{k.Subject} {k.Command}", commandWindows[k.Command]));
        }

        public RateLimitRule UserRule { get; }

        public Dictionary<string, RateLimitRule> CommandRules { get; }

        public PartitionedRateLimiter<RateLimitKey> PerUser { get; }

        public PartitionedRateLimiter<RateLimitKey> PerCommand { get; }
    }
}
