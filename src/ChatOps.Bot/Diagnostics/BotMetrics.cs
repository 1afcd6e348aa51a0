using Prometheus;

namespace ChatOps.Bot.Diagnostics;

/// <summary>The bot's Prometheus metrics, served at /metrics.</summary>
public static class BotMetrics
{
    public static readonly Counter Commands = Metrics.CreateCounter(
        "chatops_commands_total", "Chat commands handled, by command and outcome.", "command", "outcome");

    public static readonly Histogram CommandSeconds = Metrics.CreateHistogram(
        "chatops_command_duration_seconds", "Time from parsed command to answer.",
        new HistogramConfiguration { LabelNames = ["command"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });

    public static readonly Histogram AuditWriteSeconds = Metrics.CreateHistogram(
        "chatops_audit_write_duration_seconds", "Latency of one audit append (with its outbox lines).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 2, 16) });

    public static readonly Counter AuditWriteFailures = Metrics.CreateCounter(
        "chatops_audit_write_failures_total", "Audit appends that failed because the store was unavailable.");

    public static readonly Counter AuditPoisonRecords = Metrics.CreateCounter(
        "chatops_audit_poison_records_total", "Audit records the store refused as data (not as an outage), set aside as poison markers.");

    public static readonly Gauge AuditPending = Metrics.CreateGauge(
        "chatops_audit_pending_records", "Audit records held in memory until the audit store is back.");

    public static readonly Counter AuditPendingRefusals = Metrics.CreateCounter(
        "chatops_audit_pending_refusals_total", "Commands refused because the held audit records filled the buffer.");

    public static readonly Gauge OutboxBacklog = Metrics.CreateGauge(
        "chatops_outbox_backlog", "Audit-channel lines not yet delivered.");

    public static readonly Counter OutboxDelivered = Metrics.CreateCounter(
        "chatops_outbox_delivered_total", "Audit-channel lines delivered, by platform.", "platform");

    public static readonly Counter OutboxFailures = Metrics.CreateCounter(
        "chatops_outbox_failures_total", "Failed delivery attempts of audit-channel lines, by platform.", "platform");

    public static readonly Counter AlertNotifications = Metrics.CreateCounter(
        "chatops_alert_notifications_total", "Alertmanager webhook calls, by answer: accepted, duplicate, refused, unavailable.", "result");

    public static readonly Counter RateLimited = Metrics.CreateCounter(
        "chatops_rate_limited_total", "Commands refused by ChatOps:RateLimits, by platform and command.", "platform", "command");

    public static readonly Counter BodyTooLarge = Metrics.CreateCounter(
        "chatops_request_body_too_large_total", "HTTP requests refused with 413 by ChatOps:Http:MaxRequestBodyBytes, by path.", "path");

    public static readonly Gauge PendingApprovals = Metrics.CreateGauge(
        "chatops_pending_approvals", "Approval requests waiting for a second person.");

    public static readonly Counter VaultFailures = Metrics.CreateCounter(
        "chatops_vault_failures_total", "Vault calls that failed after start-up (the last values stay in force), by operation.", "operation");

    public static readonly Counter VaultRenewals = Metrics.CreateCounter(
        "chatops_vault_token_renewals_total", "Vault token renewals, by outcome (renewed, logged_in).", "outcome");

    public static readonly Gauge VaultLastRefresh = Metrics.CreateGauge(
        "chatops_vault_last_refresh_timestamp_seconds", "When the Vault secrets were last read successfully (Unix time).");
}
