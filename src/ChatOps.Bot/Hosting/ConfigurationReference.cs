using ChatOps.Bot.Chat;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Core.Redaction;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Alerts;
using ChatOps.Bot.Features.Audit.Outbox;
using ChatOps.Bot.Features.Incidents;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Infrastructure.Vault;

namespace ChatOps.Bot.Hosting;

/// <summary>
/// The README's configuration reference, generated from the options classes the host binds (their properties'
/// <c>[Description]</c>, types and defaults), so the documentation cannot drift from the code. A test keeps the
/// README's copy equal to <see cref="Markdown"/> and every bound options class in <see cref="Sections"/>.
/// </summary>
public static class ConfigurationReference
{
    public const string Begin = "<!-- config-reference:begin -->";

    public const string End = "<!-- config-reference:end -->";

    public const string Regenerate = "dotnet run --project src/ChatOps.Bot -- config-reference --update README.md";

    /// <summary>In the README's reading order: storage and roles first, the integrations and targets after.</summary>
    public static readonly IReadOnlyList<(Type Options, string Section)> Sections =
    [
        (typeof(StoreOptions), StoreOptions.SectionName),
        (typeof(RolesOptions), RolesOptions.SectionName),
        (typeof(ApprovalOptions), ApprovalOptions.SectionName),
        (typeof(Features.Policies.PolicyOptions), Features.Policies.PolicyOptions.SectionName),
        (typeof(AuditOptions), AuditOptions.SectionName),
        (typeof(RedactionOptions), RedactionOptions.SectionName),
        (typeof(OutboxOptions), OutboxOptions.SectionName),
        (typeof(RateLimitOptions), RateLimitOptions.SectionName),
        (typeof(DispatchOptions), DispatchOptions.SectionName),
        (typeof(HttpOptions), HttpOptions.SectionName),
        (typeof(SlackOptions), SlackOptions.SectionName),
        (typeof(TeamsOptions), TeamsOptions.SectionName),
        (typeof(AlertmanagerOptions), AlertmanagerOptions.SectionName),
        (typeof(Features.Silences.AlertmanagerTargetOptions), Features.Silences.AlertmanagerTargetOptions.SectionName),
        (typeof(TargetOptions), TargetOptions.SectionName),
        (typeof(Features.Kubernetes.Metrics.PrometheusOptions), Features.Kubernetes.Metrics.PrometheusOptions.SectionName),
        (typeof(IncidentOptions), IncidentOptions.SectionName),
        (typeof(VaultOptions), VaultOptions.SectionName),
    ];

    public static IReadOnlyList<ConfigurationRow> Rows() =>
        Sections.SelectMany(s => ConfigurationRows.Of(s.Options, s.Section)).ToList();

    /// <summary>The README block, markers included.</summary>
    public static string Markdown()
    {
        var rows = Rows();
        var undocumented = rows.Where(r => r.Meaning is null).Select(r => r.Property).Distinct().ToList();
        if (undocumented.Count > 0)
        {
            throw new InvalidOperationException($"no [Description] on {string.Join(", ", undocumented)}");
        }

        var text = new StringBuilder()
            .Append(Begin).Append('\n')
            .Append($"<!-- generated from the options classes by `{Regenerate}`; edit their [Description] attributes, not this table -->\n\n")
            .Append("`string (secret)` keys are masked wherever their values appear (answers, logs, audit); set them from the\n")
            .Append("environment or from Vault (`ChatOps:Vault:Secrets:N:Map`), never in a committed file.\n\n")
            .Append("| key | type | default | meaning |\n|---|---|---|---|\n");
        foreach (var row in rows)
        {
            text.Append($"| `{row.Key}` | {Cell(row.Type)} | {Cell(row.Default)} | {Cell(row.Meaning!)} |\n");
        }

        return text.Append(End).ToString();
    }

    /// <summary><paramref name="document"/> with its block between the markers replaced by <see cref="Markdown"/>.</summary>
    public static string ReplaceIn(string document)
    {
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"the document has no {Begin} … {End} block");
        }

        return string.Concat(document.AsSpan(0, begin), Markdown(), document.AsSpan(end + End.Length));
    }

    /// <summary>The <c>config-reference</c> verb: print the block, or with <c>--update FILE</c> rewrite it in place.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        switch (args)
        {
            case []:
                output.WriteLine(Markdown());
                return 0;
            case ["--update", var file]:
                File.WriteAllText(file, ReplaceIn(File.ReadAllText(file)));
                output.WriteLine($"updated the configuration reference in {file}");
                return 0;
            default:
                error.WriteLine("usage: config-reference [--update README.md]");
                return 2;
        }
    }

    // Markdown tables end a cell at every unescaped pipe, even inside code spans.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
