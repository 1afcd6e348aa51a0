using System.Diagnostics.Metrics;

namespace ChatOps.Bot.Diagnostics;

/// <summary>
/// The bot's metrics: one <see cref="Meter"/> per container, one method per instrument, so callers never spell an
/// instrument name or a label. Instrument names are the exported Prometheus names, and <see cref="Exported"/> lists
/// each with its label names, so <see cref="PrometheusMeterExport"/> can publish them at /metrics exactly as named.
/// </summary>
public sealed class ChatOpsMetrics
{
    public const string MeterName = "ChatOps.Bot";

    private readonly Counter<long> _commands;
    private readonly Histogram<double> _commandSeconds;
    private readonly Histogram<double> _auditWriteSeconds;
    private readonly Counter<long> _auditWriteFailures;
    private readonly Counter<long> _auditPoisonRecords;
    private readonly Gauge<double> _auditPending;
    private readonly Counter<long> _auditPendingRefusals;
    private readonly Gauge<double> _outboxBacklog;
    private readonly Counter<long> _outboxDelivered;
    private readonly Counter<long> _outboxFailures;
    private readonly Counter<long> _alertNotifications;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _overloaded;
    private readonly Counter<long> _overloadUnaudited;
    private readonly Counter<long> _bodyTooLarge;
    private readonly Gauge<double> _pendingApprovals;
    private readonly Counter<long> _vaultFailures;
    private readonly Counter<long> _vaultRenewals;
    private readonly Gauge<double> _vaultLastRefresh;
    private readonly Counter<long> _kubeCacheReads;
    private readonly List<ExportedInstrument> _exported = [];

    public ChatOpsMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _commands = Counter("chatops_commands_total", "Chat commands handled, by command and outcome.", "command", "outcome");
        _commandSeconds = Histogram("chatops_command_duration_seconds", "Time from parsed command to answer.", Exponential(0.0005, 16), "command");
        _auditWriteSeconds = Histogram("chatops_audit_write_duration_seconds", "Latency of one audit append (with its outbox lines).", Exponential(0.0001, 16));
        _auditWriteFailures = Counter("chatops_audit_write_failures_total", "Audit appends that failed because the store was unavailable.");
        _auditPoisonRecords = Counter(
            "chatops_audit_poison_records_total", "Audit records the store refused as data (not as an outage), set aside as poison markers.");
        _auditPending = Gauge("chatops_audit_pending_records", "Audit records held in memory until the audit store is back.");
        _auditPendingRefusals = Counter(
            "chatops_audit_pending_refusals_total", "Commands refused because the held audit records filled the buffer.");
        _outboxBacklog = Gauge("chatops_outbox_backlog", "Audit-channel lines not yet delivered.");
        _outboxDelivered = Counter("chatops_outbox_delivered_total", "Audit-channel lines delivered, by platform.", "platform");
        _outboxFailures = Counter("chatops_outbox_failures_total", "Failed delivery attempts of audit-channel lines, by platform.", "platform");
        _alertNotifications = Counter(
            "chatops_alert_notifications_total", "Alertmanager webhook calls, by answer: accepted, duplicate, refused, unavailable.", "result");
        _rateLimited = Counter("chatops_rate_limited_total", "Commands refused by ChatOps:RateLimits, by platform and command.", "platform", "command");
        _overloaded = Counter(
            "chatops_commands_overloaded_total", "Commands (and Alertmanager calls) refused as busy by ChatOps:Dispatch:MaxInFlight, by platform.", "platform");
        _overloadUnaudited = Counter(
            "chatops_overload_refusals_unaudited_total", "Busy refusals with no audit record: the held-records buffer had no spare room.");
        _bodyTooLarge = Counter(
            "chatops_request_body_too_large_total", "HTTP requests refused with 413 by ChatOps:Http:MaxRequestBodyBytes, by path.", "path");
        _pendingApprovals = Gauge("chatops_pending_approvals", "Approval requests waiting for a second person.");
        _vaultFailures = Counter(
            "chatops_vault_failures_total", "Vault calls that failed after start-up (the last values stay in force), by operation.", "operation");
        _vaultRenewals = Counter("chatops_vault_token_renewals_total", "Vault token renewals, by outcome (renewed, logged_in).", "outcome");
        _vaultLastRefresh = Gauge(
            "chatops_vault_last_refresh_timestamp_seconds", "When the Vault secrets were last read successfully (Unix time).");
        _kubeCacheReads = Counter(
            "chatops_kube_cache_reads_total", "Kubernetes reads of clusters with WatchCache, by cluster and source (cache, or live_not_fresh: unsynced or watch lost).", "cluster", "source");
    }

    public Meter Meter { get; }

    /// <summary>Every instrument of <see cref="Meter"/> with the label names its measurements carry, in that order.</summary>
    public IReadOnlyList<ExportedInstrument> Exported => _exported;

    public void CommandAnswered(string command, string outcome, TimeSpan elapsed)
    {
        _commands.Add(1, new("command", command), new("outcome", outcome));
        _commandSeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("command", command));
    }

    public void AuditWritten(TimeSpan elapsed) => _auditWriteSeconds.Record(elapsed.TotalSeconds);

    public void AuditWriteFailed() => _auditWriteFailures.Add(1);

    public void AuditPoisonRecordSetAside() => _auditPoisonRecords.Add(1);

    public void AuditPendingRecords(int held) => _auditPending.Record(held);

    public void AuditPendingRefused() => _auditPendingRefusals.Add(1);

    public void OutboxBacklog(long lines) => _outboxBacklog.Record(lines);

    public void OutboxDelivered(string platform) => _outboxDelivered.Add(1, new KeyValuePair<string, object?>("platform", platform));

    public void OutboxFailed(string platform) => _outboxFailures.Add(1, new KeyValuePair<string, object?>("platform", platform));

    /// <summary><paramref name="result"/>: accepted, duplicate, refused or unavailable.</summary>
    public void AlertNotification(string result) => _alertNotifications.Add(1, new KeyValuePair<string, object?>("result", result));

    public void RateLimited(string platform, string command) => _rateLimited.Add(1, new("platform", platform), new("command", command));

    /// <summary><paramref name="platform"/>: the chat platform, or <c>alertmanager</c> for the webhook.</summary>
    public void Overloaded(string platform) => _overloaded.Add(1, new KeyValuePair<string, object?>("platform", platform));

    public void OverloadRefusalUnaudited() => _overloadUnaudited.Add(1);

    public void BodyTooLarge(string path) => _bodyTooLarge.Add(1, new KeyValuePair<string, object?>("path", path));

    public void PendingApprovals(long count) => _pendingApprovals.Record(count);

    /// <summary><paramref name="operation"/>: read, renew or invalid.</summary>
    public void VaultFailed(string operation) => _vaultFailures.Add(1, new KeyValuePair<string, object?>("operation", operation));

    /// <summary><paramref name="outcome"/>: renewed or logged_in.</summary>
    public void VaultTokenRenewed(string outcome) => _vaultRenewals.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void VaultSecretsRead(DateTimeOffset at) => _vaultLastRefresh.Record(at.ToUnixTimeSeconds());

    /// <summary><paramref name="source"/>: cache, or live_not_fresh when the watch cache could not be trusted.</summary>
    public void KubeCacheRead(string cluster, string source) => _kubeCacheReads.Add(1, new("cluster", cluster), new("source", source));

    /// <summary>Doubling buckets from <paramref name="start"/>, as Prometheus' ExponentialBuckets(start, 2, count).</summary>
    private static double[] Exponential(double start, int count)
    {
        var buckets = new double[count];
        for (var (i, next) = (0, start); i < count; i++, next *= 2)
        {
            buckets[i] = next;
        }

        return buckets;
    }

    private Counter<long> Counter(string name, string help, params string[] labels) =>
        Export(Meter.CreateCounter<long>(name, unit: null, help), labels);

    private Gauge<double> Gauge(string name, string help) => Export(Meter.CreateGauge<double>(name, unit: null, help), []);

    private Histogram<double> Histogram(string name, string help, double[] buckets, params string[] labels) =>
        Export(Meter.CreateHistogram(name, unit: null, help, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets }), labels);

    private T Export<T>(T instrument, string[] labels)
        where T : Instrument
    {
        _exported.Add(new ExportedInstrument(instrument, labels));
        return instrument;
    }
}

/// <summary>An instrument and the label names, in order, that every measurement of it carries as tags.</summary>
public sealed record ExportedInstrument(Instrument Instrument, IReadOnlyList<string> LabelNames);
