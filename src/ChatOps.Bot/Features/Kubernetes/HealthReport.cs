namespace ChatOps.Bot.Features.Kubernetes;

public enum HealthVerdict
{
    Up,
    Degraded,
    Down,
}

/// <summary>One check of a health answer: an actuator component (nested ones as <c>parent/child</c>) or an ASP.NET entry.</summary>
public sealed record HealthComponent(string Name, HealthVerdict Verdict, string Status, string Details);

/// <summary>
/// A health endpoint's answer read in the three shapes the runbooks use: Spring Boot actuator (<c>status</c> +
/// <c>components</c>, nested), ASP.NET Core health JSON (<c>status</c> + <c>entries</c> or <c>results</c> with
/// status/description/duration, or seed 004's <c>checks</c>), and a plain 200/503 whose body is not JSON.
/// </summary>
public sealed record HealthReport(HealthVerdict Verdict, string? Status, IReadOnlyList<HealthComponent> Components, string? Note)
{
    private static readonly string[] ComponentKeys = ["components", "entries", "results", "checks"];

    public static HealthReport Parse(int httpStatus, string body)
    {
        var byHttp = httpStatus is >= 200 and < 300 ? HealthVerdict.Up : HealthVerdict.Down;
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(body);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            var first = body.Split('\n', 2)[0].Trim();
            var note = body.Trim().Length == 0 ? "empty body" : $"body is not JSON: {(first.Length > 80 ? first[..80] + "…" : first)}";
            return new(byHttp, null, [], note);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var statusElement) || statusElement.ValueKind != JsonValueKind.String)
        {
            return new(byHttp, null, [], "JSON without a \"status\": the verdict is the HTTP status's");
        }

        var status = statusElement.GetString()!;
        var components = new List<HealthComponent>();
        Collect(root, string.Empty, components);

        // The worst of what the body says and what the HTTP status says: a 503 with "UP" is not healthy.
        var verdict = Max(VerdictOf(status), byHttp);
        if (verdict == HealthVerdict.Up && components.Any(c => c.Verdict != HealthVerdict.Up))
        {
            verdict = HealthVerdict.Degraded;
        }

        return new(verdict, status, components, null);
    }

    /// <summary>Actuator's UP/DOWN/OUT_OF_SERVICE/UNKNOWN, ASP.NET's Healthy/Degraded/Unhealthy, and the usual pass/ok/fail.</summary>
    public static HealthVerdict VerdictOf(string status) => status.ToUpperInvariant() switch
    {
        "UP" or "HEALTHY" or "OK" or "PASS" => HealthVerdict.Up,
        "DEGRADED" or "WARN" or "WARNING" or "UNKNOWN" => HealthVerdict.Degraded,
        _ => HealthVerdict.Down,
    };

    private static HealthVerdict Max(HealthVerdict a, HealthVerdict b) => a > b ? a : b;

    private static void Collect(JsonElement parent, string prefix, List<HealthComponent> into)
    {
        foreach (var key in ComponentKeys)
        {
            if (!parent.TryGetProperty(key, out var list))
            {
                continue;
            }

            var items = list.ValueKind switch
            {
                JsonValueKind.Object => list.EnumerateObject().Select(p => (p.Name, p.Value)).ToList(),
                JsonValueKind.Array => list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
                    .Select(e => (Name: Text(e, "name") ?? "?", Value: e)).ToList(),
                _ => [],
            };
            foreach (var (name, value) in items.Where(i => i.Value.ValueKind == JsonValueKind.Object))
            {
                var status = Text(value, "status") ?? "?";
                into.Add(new(prefix + name, VerdictOf(status), status, Details(value)));
                Collect(value, $"{prefix}{name}/", into);
            }
        }
    }

    /// <summary>
    /// The component's description, duration and details as <c>key=value</c> pairs: the form the redactor's
    /// <c>password=</c>-style rule recognises, so an actuator detail holding a secret is masked before it is shown.
    /// </summary>
    private static string Details(JsonElement component)
    {
        var parts = new List<string>();
        foreach (var p in component.EnumerateObject())
        {
            if (p.Name is "status" or "name" or "tags" || ComponentKeys.Contains(p.Name))
            {
                continue;
            }

            if (p.Name is "details" or "data" && p.Value.ValueKind == JsonValueKind.Object)
            {
                parts.AddRange(p.Value.EnumerateObject().Select(d => $"{d.Name}={Scalar(d.Value)}"));
            }
            else
            {
                parts.Add($"{p.Name}={Scalar(p.Value)}");
            }
        }

        return string.Join(", ", parts);
    }

    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Object or JsonValueKind.Array => e.GetRawText(),
        _ => e.GetRawText(),
    };

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
