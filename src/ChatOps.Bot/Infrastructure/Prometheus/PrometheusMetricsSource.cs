using System.Net;
using System.Net.Http.Headers;
using ChatOps.Bot.Features.Kubernetes.Metrics;

namespace ChatOps.Bot.Infrastructure.Prometheus;

/// <summary>
/// <c>POST /api/v1/query_range</c> (form-encoded, so a long query never meets a URL limit) against a configured
/// server, with its bearer token or basic authentication. Every failure becomes one line naming what went wrong;
/// the URL is not in it (it may carry credentials).
/// </summary>
public sealed class PrometheusMetricsSource(IHttpClientFactory http, IOptionsMonitor<PrometheusOptions> options) : IMetricsSource
{
    public const string HttpClientName = "prometheus";

    public async Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(string server, string query, MetricRange range, CancellationToken cancellationToken)
    {
        var config = options.CurrentValue.Prometheus[server];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(config.RequestTimeout);
        using var message = Request(config, query, range);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(message, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return PrometheusJson.Matrix(response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MetricsUnavailableException($"no answer within {config.RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            throw new MetricsUnavailableException(ex.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused or host unreachable" : ex.Message);
        }
    }

    private static HttpRequestMessage Request(PrometheusServer config, string query, MetricRange range)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(config.Url.TrimEnd('/') + "/"), "api/v1/query_range"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["query"] = query,
                ["start"] = Seconds(range.Start),
                ["end"] = Seconds(range.End),
                ["step"] = range.Step.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            }),
        };
        message.Headers.Authorization = HttpCredentials.BearerOrBasic(config.BearerToken, config.User.Length > 0 ? $"{config.User}:{config.Password}" : string.Empty);
        return message;
    }

    private static string Seconds(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
}
