using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.Tests.Features.Alerts;

/// <summary>Webhook bodies shaped like Alertmanager 0.25 sends them (including fields the bot does not use).</summary>
internal static class AlertPayloads
{
    public static JsonObject Alert(string fingerprint, string status = "firing", string severity = "critical", string? deployment = "web", string ns = "shop") =>
        new()
        {
            ["status"] = status,
            ["labels"] = Labels(severity, deployment, ns),
            ["annotations"] = new JsonObject { ["summary"] = "5xx above 5% on checkout" },
            ["startsAt"] = "2026-11-23T11:58:00.000Z",
            ["endsAt"] = status == "firing" ? "0001-01-01T00:00:00Z" : "2026-11-23T12:10:00.000Z",
            ["generatorURL"] = "http://prometheus.example:9090/graph?g0.expr=errors",
            ["fingerprint"] = fingerprint,
        };

    public static JsonObject Notification(string status = "firing", string groupKey = "{}:{alertname=\"HighErrorRate\"}", params JsonObject[] alerts)
    {
        var list = alerts.Length == 0 ? [Alert("a1", status)] : alerts;
        return new JsonObject
        {
            ["receiver"] = "chatops",
            ["status"] = status,
            ["alerts"] = new JsonArray([.. list]),
            ["groupLabels"] = new JsonObject { ["alertname"] = "HighErrorRate" },
            ["commonLabels"] = list[0]["labels"]!.DeepClone(),
            ["commonAnnotations"] = list[0]["annotations"]!.DeepClone(),
            ["externalURL"] = "http://alertmanager.example:9093",
            ["version"] = "4",
            ["groupKey"] = groupKey,
            ["truncatedAlerts"] = 0,
            ["somethingNew"] = new JsonObject { ["ignored"] = true },
        };
    }

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private static JsonObject Labels(string severity, string? deployment, string ns)
    {
        var labels = new JsonObject { ["alertname"] = "HighErrorRate", ["severity"] = severity, ["namespace"] = ns };
        if (deployment is not null)
        {
            labels["deployment"] = deployment;
        }

        return labels;
    }
}
