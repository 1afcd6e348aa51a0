using System.Text.RegularExpressions;

namespace ChatOps.Bot.Features.Alerts;

/// <summary>
/// The card a notification becomes: summary, labels, a link to the generator and, while firing, buttons built from
/// the labels (Status, Logs and Events to look; Rollback and Scale to act). Every button is an ordinary command that runs through the pipeline as whoever clicks it.
/// </summary>
public static partial class AlertCard
{
    private const int MaxListedAlerts = 10;
    private const int MaxLabelFields = 8;

    /// <param name="declareSeverity">The severity the Declare incident button uses (a matching rule's, else P3).</param>
    /// <param name="cluster">A configured cluster named by the alert's <c>cluster</c> label, if any.</param>
    /// <param name="silence">Whether an Alertmanager is configured for the silence buttons to act on.</param>
    public static OperationResult Build(AlertmanagerPayload payload, string declareSeverity, int scaleStep, string? cluster, bool silence = false)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var firing = payload.Alerts.Where(a => a.Status == AlertmanagerPayload.Firing).ToList();
        var name = Name(payload);
        var title = payload.IsFiring ? $"[FIRING:{firing.Count}] {name}" : $"[RESOLVED] {name}";
        var lines = payload.Alerts.Take(MaxListedAlerts).Select(a => $"• {a.Status}: {Summary(a)}").ToList();
        if (payload.Alerts.Count > MaxListedAlerts || payload.TruncatedAlerts > 0)
        {
            lines.Add($"… and {payload.Alerts.Count - Math.Min(payload.Alerts.Count, MaxListedAlerts) + payload.TruncatedAlerts} more");
        }

        var fields = payload.CommonLabels
            .Where(l => l.Key != "alertname")
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .Take(MaxLabelFields)
            .Select(l => new ResultField(l.Key, l.Value))
            .ToList();
        if (payload.Alerts.Select(a => a.GeneratorUrl).FirstOrDefault(u => IsHttpUrl(u)) is { } source)
        {
            fields.Add(new ResultField("Source", source, Short: false));
        }

        return new OperationResult(Outcome.Succeeded, $"{title}\n{string.Join('\n', lines)}")
        {
            Title = title,
            Summary = string.Join('\n', lines),
            Severity = payload.IsFiring ? Severity.Danger : Severity.Success,
            Visibility = Visibility.InChannel,
            Fields = fields,
            Buttons = payload.IsFiring ? [.. Buttons(payload, name, declareSeverity, scaleStep, cluster), .. silence ? SilenceButtons(payload, name) : []] : [],
        };
    }

    /// <summary>The incident title a declaration uses: alert name and summary, as plain words the command parser takes verbatim.</summary>
    public static string IncidentTitle(AlertmanagerPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var name = Name(payload);
        var summary = payload.CommonAnnotations.GetValueOrDefault("summary");
        var text = string.IsNullOrWhiteSpace(summary) || summary == name ? name : $"{name}: {summary}";
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(c => c is not ('"' or '\'' or '\\' or '`') && !char.IsControl(c)).ToArray()).TrimStart('-'))
            .Where(w => w.Length > 0);
        var title = string.Join(' ', words);
        return title.Length > 120 ? title[..120] : title.Length == 0 ? "alert" : title;
    }

    private static IReadOnlyList<ResultButton> Buttons(AlertmanagerPayload payload, string name, string severity, int scaleStep, string? cluster)
    {
        var buttons = new List<ResultButton>();
        var labels = payload.CommonLabels;
        if (labels.TryGetValue("namespace", out var ns) && Names.IsDns1123Label(ns)
            && labels.TryGetValue("deployment", out var deployment) && Names.IsDns1123Subdomain(deployment))
        {
            var where = $"-n {ns}" + (cluster is null ? string.Empty : $" --cluster {cluster}");
            buttons.Add(new ResultButton("Status", $"status {deployment} {where}"));

            // deployment/ spelled out: a deployment named "namespace" must not read as every event of the namespace.
            buttons.Add(new ResultButton("Logs", $"logs deployment/{deployment} {where}"));
            buttons.Add(new ResultButton("Events", $"events deployment/{deployment} {where}"));
            buttons.Add(new ResultButton("Rollback", $"rollout undo {deployment} {where}", ButtonStyle.Danger,
                $"Roll deployment {deployment} in {ns} back to its previous revision?"));
            buttons.Add(new ResultButton($"Scale +{scaleStep}", $"scale {deployment} --by {scaleStep} {where}", ButtonStyle.Default,
                $"Add {scaleStep} replica(s) to deployment {deployment} in {ns}?"));
        }

        buttons.Add(new ResultButton("Declare incident", $"incident declare {severity} {IncidentTitle(payload)}", ButtonStyle.Primary,
            $"Declare a {severity} incident for {name}?"));
        return buttons;
    }

    /// <summary>
    /// Silence the group the card shows: its group labels, as equality matchers, are exactly what Alertmanager grouped
    /// by. No buttons when there are none (one group for everything) or a value the command line cannot carry
    /// verbatim: dropping a label would silence more than the card shows.
    /// </summary>
    private static IReadOnlyList<ResultButton> SilenceButtons(AlertmanagerPayload payload, string name)
    {
        var labels = payload.GroupLabels;
        if (labels.Count == 0 || !labels.All(l => LabelName().IsMatch(l.Key) && PlainValue().IsMatch(l.Value)))
        {
            return [];
        }

        var matchers = string.Join(' ', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        return
        [
            new ResultButton("Silence 1h", $"silence {matchers} --for 1h", ButtonStyle.Default, $"Silence {name} for 1 hour?"),
            new ResultButton("Silence until resolved-or-4h", $"silence {matchers} --for 4h --until-resolved", ButtonStyle.Default,
                $"Silence {name} until its alerts resolve, for 4 hours at most?"),
        ];
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();

    /// <summary>What the matcher parser reads back unchanged: no spaces, commas, quotes, braces or backslashes.</summary>
    [GeneratedRegex("^[A-Za-z0-9_.:/@+-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainValue();

    private static string Name(AlertmanagerPayload payload) =>
        payload.CommonLabels.GetValueOrDefault("alertname")
        ?? payload.GroupLabels.GetValueOrDefault("alertname")
        ?? payload.Alerts.Select(a => a.Labels.GetValueOrDefault("alertname")).FirstOrDefault(n => n is not null)
        ?? "alert";

    private static string Summary(AlertmanagerAlert alert) =>
        alert.Annotations.GetValueOrDefault("summary")
        ?? alert.Annotations.GetValueOrDefault("description")
        ?? string.Join(", ", alert.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
