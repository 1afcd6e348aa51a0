namespace ChatOps.Bot.Features.Authorization;

/// <summary>
/// The named targets users type (<c>--cluster prod-eks</c>, <c>--db coredb</c>, <c>--broker amq</c>), bound from
/// <c>ChatOps:Clusters</c>, <c>ChatOps:Databases</c> and <c>ChatOps:Brokers</c>.
/// </summary>
public sealed class TargetOptions
{
    public const string SectionName = "ChatOps";

    [Description("Kubernetes clusters, by the name users type after `--cluster`")]
    public Dictionary<string, ClusterOptions> Clusters { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    [Description("PostgreSQL database targets, by the name users type after `--db`")]
    public Dictionary<string, DatabaseOptions> Databases { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    [Description("message brokers, by the name users type after `--broker`")]
    public Dictionary<string, BrokerOptions> Brokers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class ClusterOptions
{
    [Description("path of the kubeconfig file that reaches the cluster (this or `InCluster` is required)")]
    public string Kubeconfig { get; set; } = string.Empty;

    [Description("the kubeconfig context to use; empty: its current context")]
    public string Context { get; set; } = string.Empty;

    [Description("reach the cluster the bot runs in with the pod's service account")]
    public bool InCluster { get; set; }

    [Description("dangerous commands on it (and those in `ChatOps:Approvals:Commands`) need approval")]
    public bool Production { get; set; }

    [Description("namespaces allowed; empty: all; others are refused before any API call")]
    public List<string> Namespaces { get; set; } = [];

    [Description("the namespace of a command without `-n`")]
    public string DefaultNamespace { get; set; } = "default";

    [Description("the most replicas `scale` may set (0–10000)")]
    public int MaxReplicas { get; set; } = 50;

    /// <summary>The cluster used when a command names none; a single configured cluster is the default anyway.</summary>
    [Description("the cluster used when a command names none (a single configured cluster is the default anyway)")]
    public bool Default { get; set; }

    /// <summary>How long one API call may take before the command fails, naming the cluster.</summary>
    [Description("how long one API call may take before the command fails naming the cluster (1 s – 5 min)")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Description("lines `logs` shows without `--tail` (1 – `MaxLogLines`)")]
    public int LogLines { get; set; } = 100;

    [Description("the most lines `logs --tail` may ask for (1 – 10000)")]
    public int MaxLogLines { get; set; } = 1000;

    /// <summary>The API call's limitBytes and the reader's buffer: the most of a log ever held in memory per pod.</summary>
    [Description("the most bytes of a container's log `logs` reads per pod: the API call's `limitBytes` and the reader's cap (1 KiB – 4 MiB)")]
    public int MaxLogBytes { get; set; } = 64 * 1024;

    /// <summary>Opt-in: status, pods, hpa and the read before scale come from memory kept by list + watch.</summary>
    [Description("keep deployments, ReplicaSets, pods and HPAs of the served namespaces (`Namespaces`, or `DefaultNamespace` when that is empty) in memory by list + watch, and answer `status`, `pods`, `hpa` and the read before `scale` from it; writes stay conditional on the resourceVersion read")]
    public bool WatchCache { get; set; }

    /// <summary>Bounded memory: a namespace holding more objects of one kind is served live, never half cached.</summary>
    [Description("the most objects of one kind (deployments, ReplicaSets, pods, HPAs) the watch cache keeps per namespace; beyond it that namespace is read live (1 – 100000)")]
    public int WatchCacheMaxObjects { get; set; } = 5000;

    /// <summary>How long a lost watch is tolerated before the cache is no longer trusted and reads go to the API server.</summary>
    [Description("how long the watch cache is trusted after its watch was lost; beyond it reads go to the API server until the watch is back (1 s – 5 min)")]
    public TimeSpan WatchCacheStaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A followed log holds a stream and edits a chat message until this is over: bounded so no follow is forgotten.</summary>
    [Description("how long `logs --follow` keeps streaming a log into the chat before it stops (10 s – 10 min)")]
    public TimeSpan LogFollow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Per-service health endpoints for <c>health</c>, by the service's name.</summary>
    [MapKey("service")]
    [Description("per-service health endpoints for `health`, by the service's name")]
    public Dictionary<string, HealthCheckOptions> HealthChecks { get; set; } = new(StringComparer.Ordinal);
}

public sealed class DatabaseOptions
{
    [Description("Npgsql connection string of the database target (the bot forces `Application Name=chatops-bot`; the password is masked wherever it appears)")]
    public string ConnectionString { get; set; } = string.Empty;

    [Description("bulk kills on it need approval")]
    public bool Production { get; set; }

    [Description("database users the bot never signals (replication, the platform's own)")]
    public List<string> ProtectedUsers { get; set; } = [];
}

public enum BrokerKind
{
    ActiveMq,
    RabbitMq,
}

public sealed class BrokerOptions
{
    [Description("`RabbitMq` (management API) or `ActiveMq` (Jolokia)")]
    public BrokerKind Kind { get; set; }

    [Description("`RabbitMq`: the management API's base such as `http://rabbit:15672`; `ActiveMq`: the Jolokia endpoint such as `http://amq:8161/api/jolokia`")]
    public string Url { get; set; } = string.Empty;

    [Description("the user the management API or Jolokia is called as")]
    public string User { get; set; } = string.Empty;

    [Description("that user's password")]
    public string Password { get; set; } = string.Empty;

    [Description("the ActiveMQ broker's name (`ActiveMq`)")]
    public string BrokerName { get; set; } = "localhost";

    [Description("the RabbitMQ virtual host (`RabbitMq`)")]
    public string VirtualHost { get; set; } = "/";

    [Description("`queue purge` and `queue replay` on it need approval")]
    public bool Production { get; set; }

    /// <summary>How long one management API call may take before the command fails, naming the broker.</summary>
    [Description("how long one management API / Jolokia call may take before the command fails naming the broker (1 s – 5 min)")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Queues deeper than this are flagged, unless the queue has its own <see cref="BrokerQueueOptions.WarningDepth"/>.</summary>
    [Description("queues deeper than this are flagged by `queue list` / `queue check`")]
    public long WarningDepth { get; set; } = 1000;

    /// <summary>Per-queue settings, by the queue's exact name.</summary>
    [MapKey("queue")]
    [Description("per-queue settings, by the queue's exact name (names containing `:` cannot be configured here)")]
    public Dictionary<string, BrokerQueueOptions> Queues { get; set; } = new(StringComparer.Ordinal);
}

public sealed class BrokerQueueOptions
{
    [Description("the queue's own warning depth; unset: the broker's")]
    public long? WarningDepth { get; set; }
}
