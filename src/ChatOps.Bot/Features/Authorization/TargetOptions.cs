namespace ChatOps.Bot.Features.Authorization;

/// <summary>
/// The named targets users type (<c>--cluster prod-eks</c>, <c>--db coredb</c>, <c>--broker amq</c>), bound from
/// <c>ChatOps:Clusters</c>, <c>ChatOps:Databases</c> and <c>ChatOps:Brokers</c>.
/// </summary>
public sealed class TargetOptions
{
    public const string SectionName = "ChatOps";

    public Dictionary<string, ClusterOptions> Clusters { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, DatabaseOptions> Databases { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, BrokerOptions> Brokers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class ClusterOptions
{
    public string Kubeconfig { get; set; } = string.Empty;

    public string Context { get; set; } = string.Empty;

    public bool InCluster { get; set; }

    public bool Production { get; set; }

    public List<string> Namespaces { get; set; } = [];

    public string DefaultNamespace { get; set; } = "default";

    public int MaxReplicas { get; set; } = 50;

    /// <summary>The cluster used when a command names none; a single configured cluster is the default anyway.</summary>
    public bool Default { get; set; }

    /// <summary>How long one API call may take before the command fails, naming the cluster.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class DatabaseOptions
{
    public string ConnectionString { get; set; } = string.Empty;

    public bool Production { get; set; }

    public List<string> ProtectedUsers { get; set; } = [];
}

public enum BrokerKind
{
    ActiveMq,
    RabbitMq,
}

public sealed class BrokerOptions
{
    public BrokerKind Kind { get; set; }

    public string Url { get; set; } = string.Empty;

    public string User { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public string BrokerName { get; set; } = "localhost";

    public string VirtualHost { get; set; } = "/";

    public bool Production { get; set; }

    /// <summary>How long one management API call may take before the command fails, naming the broker.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Queues deeper than this are flagged, unless the queue has its own <see cref="BrokerQueueOptions.WarningDepth"/>.</summary>
    public long WarningDepth { get; set; } = 1000;

    /// <summary>Per-queue settings, by the queue's exact name.</summary>
    public Dictionary<string, BrokerQueueOptions> Queues { get; set; } = new(StringComparer.Ordinal);
}

public sealed class BrokerQueueOptions
{
    public long? WarningDepth { get; set; }
}
