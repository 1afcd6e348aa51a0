using System.Text.RegularExpressions;

namespace ChatOps.Tests.Fakes;

/// <summary>
/// The metrics dashboards and alerts rely on, with their Prometheus types, and the names README.md and docs/ mention.
/// Renaming or retyping one breaks every dashboard that uses it, so a change here must be deliberate.
/// </summary>
public static partial class DocumentedMetrics
{
    public static IReadOnlyDictionary<string, string> Types { get; } = new Dictionary<string, string>
    {
        ["chatops_commands_total"] = "counter",
        ["chatops_command_duration_seconds"] = "histogram",
        ["chatops_audit_write_duration_seconds"] = "histogram",
        ["chatops_audit_write_failures_total"] = "counter",
        ["chatops_audit_poison_records_total"] = "counter",
        ["chatops_audit_pending_records"] = "gauge",
        ["chatops_audit_pending_refusals_total"] = "counter",
        ["chatops_outbox_backlog"] = "gauge",
        ["chatops_outbox_delivered_total"] = "counter",
        ["chatops_outbox_failures_total"] = "counter",
        ["chatops_alert_notifications_total"] = "counter",
        ["chatops_rate_limited_total"] = "counter",
        ["chatops_commands_overloaded_total"] = "counter",
        ["chatops_overload_refusals_unaudited_total"] = "counter",
        ["chatops_request_body_too_large_total"] = "counter",
        ["chatops_pending_approvals"] = "gauge",
        ["chatops_vault_failures_total"] = "counter",
        ["chatops_vault_token_renewals_total"] = "counter",
        ["chatops_vault_last_refresh_timestamp_seconds"] = "gauge",
        ["chatops_kube_cache_reads_total"] = "counter",
    };

    /// <summary>Every back-quoted <c>chatops_…</c> metric name in README.md and docs/ (database and role names are not quoted so).</summary>
    public static IReadOnlySet<string> NamesInDocs(string repositoryRoot)
    {
        var files = Directory.GetFiles(Path.Combine(repositoryRoot, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(repositoryRoot, "README.md"));
        return files.SelectMany(f => QuotedMetric().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The <c># TYPE</c> line Prometheus' text format declares each family with.</summary>
    public static string TypeLine(string name) => $"# TYPE {name} {Types[name]}\n";

    [GeneratedRegex(@"`(chatops_[a-z_]+)(?:\{[^`]*\})?`")]
    private static partial Regex QuotedMetric();
}
