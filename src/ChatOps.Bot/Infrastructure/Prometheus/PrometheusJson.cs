using System.Net;
using ChatOps.Bot.Features.Kubernetes.Metrics;

namespace ChatOps.Bot.Infrastructure.Prometheus;

/// <summary>Reads the HTTP API's envelope: <c>{"status":"success","data":{"resultType":"matrix","result":[…]}}</c> or an error.</summary>
public static class PrometheusJson
{
    public static IReadOnlyList<MetricSeries> Matrix(HttpStatusCode status, string body)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new MetricsUnavailableException(status == HttpStatusCode.OK
                ? "the answer is not Prometheus JSON"
                : $"HTTP {(int)status} {status}{(status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? " (check the bearer token or user and password)" : string.Empty)}");
        }

        if (root.TryGetProperty("status", out var s) && s.GetString() == "error")
        {
            var type = root.TryGetProperty("errorType", out var t) ? t.GetString() : null;
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
            throw new MetricsUnavailableException(PlainText.Line(error ?? $"HTTP {(int)status}"), type is "bad_data");
        }

        if (!root.TryGetProperty("data", out var data) || data.GetProperty("resultType").GetString() != "matrix")
        {
            throw new MetricsUnavailableException("the answer is not a range (matrix) result", queryRejected: true);
        }

        return [.. data.GetProperty("result").EnumerateArray().Select(Series)];
    }

    /// <summary>Prometheus writes infinities as Go does (<c>+Inf</c>), which .NET does not read.</summary>
    private static double Value(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static MetricSeries Series(JsonElement series)
    {
        var labels = series.GetProperty("metric").EnumerateObject()
            .Select(l => $"{l.Name}={PromQl.String(l.Value.GetString() ?? string.Empty)}");
        var points = series.GetProperty("values").EnumerateArray()
            .Select(v => new MetricPoint(
                DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(v[0].GetDouble() * 1000)),
                Value(v[1].GetString()!)))
            .ToList();
        var text = string.Join(',', labels);
        return new MetricSeries(text.Length == 0 ? string.Empty : $"{{{text}}}", points);
    }
}
