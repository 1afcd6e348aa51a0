using System.Security.Cryptography;

namespace ChatOps.Bot.Features.Alerts;

public sealed record AlertmanagerAlert(
    string Status,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorUrl,
    string Fingerprint);

/// <summary>One webhook notification (payload version 4): a group of alerts that fire or resolve together.</summary>
public sealed record AlertmanagerPayload(
    string GroupKey,
    string Status,
    string Receiver,
    IReadOnlyDictionary<string, string> GroupLabels,
    IReadOnlyDictionary<string, string> CommonLabels,
    IReadOnlyDictionary<string, string> CommonAnnotations,
    string? ExternalUrl,
    int TruncatedAlerts,
    IReadOnlyList<AlertmanagerAlert> Alerts)
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";

    public bool IsFiring => Status == Firing;

    /// <summary>
    /// What makes a re-send a duplicate: the same group, status and set of alerts, each with its own status and start
    /// (a new episode of the same alert keeps its fingerprint but starts anew). Hashed so any group key fits a primary key.
    /// </summary>
    public string DeduplicationKey
    {
        get
        {
            var alerts = Alerts.Select(a => $"{a.Fingerprint}={a.Status}@{a.StartsAt?.UtcTicks}").Order(StringComparer.Ordinal);
            var text = $"{GroupKey}\n{Status}\n{string.Join(',', alerts)}";
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        }
    }

    /// <summary>Parses the webhook body, ignoring unknown fields; null with a one-line reason when it is not a v4 notification.</summary>
    public static AlertmanagerPayload? Parse(ReadOnlySpan<byte> body, out string error)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            return Parse(document.RootElement, out error);
        }
        catch (JsonException ex)
        {
            error = $"body is not JSON: {ex.Message.Split('\n')[0]}";
            return null;
        }
    }

    private static AlertmanagerPayload? Parse(JsonElement root, out string error)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "body must be a JSON object";
            return null;
        }

        var version = Text(root, "version");
        if (version != "4")
        {
            error = $"unsupported payload version '{version ?? "(none)"}': expected \"4\"";
            return null;
        }

        var groupKey = Text(root, "groupKey");
        if (string.IsNullOrEmpty(groupKey))
        {
            error = "missing groupKey";
            return null;
        }

        var status = Text(root, "status");
        if (status is not (Firing or Resolved))
        {
            error = $"status must be firing or resolved, not '{status ?? "(none)"}'";
            return null;
        }

        if (!root.TryGetProperty("alerts", out var alertsJson) || alertsJson.ValueKind != JsonValueKind.Array)
        {
            error = "missing alerts array";
            return null;
        }

        var alerts = new List<AlertmanagerAlert>();
        foreach (var a in alertsJson.EnumerateArray())
        {
            if (a.ValueKind != JsonValueKind.Object)
            {
                error = "every alert must be a JSON object";
                return null;
            }

            var labels = Map(a, "labels");
            var alertStatus = Text(a, "status") ?? status;
            var fingerprint = Text(a, "fingerprint");
            alerts.Add(new AlertmanagerAlert(
                alertStatus,
                labels,
                Map(a, "annotations"),
                Time(a, "startsAt"),
                Time(a, "endsAt"),
                Text(a, "generatorURL"),
                string.IsNullOrEmpty(fingerprint) ? LabelFingerprint(labels) : fingerprint));
        }

        error = string.Empty;
        return new AlertmanagerPayload(
            groupKey,
            status,
            Text(root, "receiver") ?? string.Empty,
            Map(root, "groupLabels"),
            Map(root, "commonLabels"),
            Map(root, "commonAnnotations"),
            Text(root, "externalURL"),
            root.TryGetProperty("truncatedAlerts", out var t) && t.TryGetInt32(out var truncated) ? truncated : 0,
            alerts);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>Label and annotation values are strings; anything else in the map is skipped rather than refused.</summary>
    private static Dictionary<string, string> Map(JsonElement element, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                map[p.Name] = p.Value.GetString()!;
            }
        }

        return map;
    }

    /// <summary>Alertmanager before 0.19 sent no fingerprint; the sorted label set identifies the alert just as well.</summary>
    private static string LabelFingerprint(IReadOnlyDictionary<string, string> labels)
    {
        var text = string.Join('\n', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
