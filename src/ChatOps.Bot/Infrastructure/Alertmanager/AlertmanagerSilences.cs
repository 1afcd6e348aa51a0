using System.Net;
using System.Net.Http.Headers;
using ChatOps.Bot.Features.Silences;

namespace ChatOps.Bot.Infrastructure.Alertmanager;

/// <summary>
/// <see cref="IAlertSilences"/> over Alertmanager's v2 API. An HA pair is several URLs: each call goes to the first peer
/// that answers (gossip copies a silence to the others), so a silence is created once. Messages name the Alertmanager
/// and the peer's position, never its URL or credentials.
/// </summary>
internal sealed class AlertmanagerSilences(
    IHttpClientFactory clients, IOptionsMonitor<AlertmanagerTargetOptions> options, ILogger<AlertmanagerSilences> logger) : IAlertSilences
{
    public const string HttpClientName = "alertmanager";

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> FiringAsync(
        string alertmanager, IReadOnlyList<SilenceMatcher> matchers, CancellationToken cancellationToken)
    {
        var query = string.Join("&", matchers.Select(m => "filter=" + Uri.EscapeDataString(m.ToString())));
        using var doc = await ReadAsync(alertmanager, $"api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true&{query}", cancellationToken)
            ?? throw new PortFailure($"Alertmanager {alertmanager} has no alerts API (404): is the URL the Alertmanager's?");
        return doc.RootElement.ValueKind == JsonValueKind.Array
            ? doc.RootElement.EnumerateArray().Select(AlertmanagerJson.Labels).ToList()
            : throw new PortFailure($"Alertmanager {alertmanager} answered the alert listing with something other than a list");
    }

    public async Task<string> SaveAsync(string alertmanager, SilenceDraft silence, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(alertmanager, HttpMethod.Post, "api/v2/silences", AlertmanagerJson.Body(silence), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new PortFailure($"Alertmanager {alertmanager} has no silence {silence.Id}");
        }

        using var doc = await ParseAsync(alertmanager, response, cancellationToken);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("silenceID", out var id) && id.GetString() is { Length: > 0 } s
            ? s
            : throw new PortFailure($"Alertmanager {alertmanager} answered without a silence id");
    }

    public async Task<IReadOnlyList<Silence>> ListAsync(string alertmanager, CancellationToken cancellationToken)
    {
        using var doc = await ReadAsync(alertmanager, "api/v2/silences", cancellationToken)
            ?? throw new PortFailure($"Alertmanager {alertmanager} has no silences API (404): is the URL the Alertmanager's?");
        return doc.RootElement.ValueKind == JsonValueKind.Array
            ? doc.RootElement.EnumerateArray().Select(AlertmanagerJson.Silence).ToList()
            : throw new PortFailure($"Alertmanager {alertmanager} answered the silence listing with something other than a list");
    }

    public async Task<Silence?> GetAsync(string alertmanager, string id, CancellationToken cancellationToken)
    {
        using var doc = await ReadAsync(alertmanager, $"api/v2/silence/{Uri.EscapeDataString(id)}", cancellationToken);
        return doc is null ? null : AlertmanagerJson.Silence(doc.RootElement);
    }

    public async Task<bool> ExpireAsync(string alertmanager, string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(alertmanager, HttpMethod.Delete, $"api/v2/silence/{Uri.EscapeDataString(id)}", null, cancellationToken);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    private async Task<JsonDocument?> ReadAsync(string alertmanager, string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(alertmanager, HttpMethod.Get, path, null, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ParseAsync(alertmanager, response, cancellationToken);
    }

    private static async Task<JsonDocument> ParseAsync(string alertmanager, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new PortFailure($"Alertmanager {alertmanager} answered something that is not its API's JSON", ex);
        }
    }

    /// <summary>
    /// Tries each peer in order until one answers. Only an unreachable or overloaded peer (network error, timeout, 502,
    /// 503, 504) passes the call on: any other answer is the cluster's answer, and re-sending a create elsewhere could
    /// make a second silence. Success and 404 come back; anything else throws, naming the Alertmanager.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(string alertmanager, HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Alertmanagers.TryGetValue(alertmanager, out var target))
        {
            throw new PortFailure($"Alertmanager {alertmanager} is not configured");
        }

        var urls = target.Urls.ToList();
        var failures = new List<string>();
        for (var i = 0; i < urls.Count; i++)
        {
            var peer = urls.Count == 1 ? string.Empty : $" (peer {i + 1} of {urls.Count})";
            var (response, failure) = await TrySendAsync(target, urls[i], method, path, json, cancellationToken);
            if (response is not null)
            {
                return await CheckAsync(alertmanager, peer, response, cancellationToken);
            }

            logger.LogWarning("Alertmanager {Alertmanager}{Peer}: {Failure}", alertmanager, peer, failure);
            failures.Add($"{failure}{peer}");
        }

        throw new PortFailure($"Alertmanager {alertmanager} is unavailable: {string.Join("; ", failures)}");
    }

    private async Task<(HttpResponseMessage? Response, string? Failure)> TrySendAsync(
        AlertmanagerTarget target, string url, HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(target.RequestTimeout);
        using var request = new HttpRequestMessage(method, new Uri(BaseUri(url), path));
        request.Headers.Authorization = Authorization(target, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        try
        {
            var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
            {
                response.Dispose();
                return (null, $"answered {(int)response.StatusCode}");
            }

            return (response, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {target.RequestTimeout.TotalSeconds:0.#}s");
        }
        catch (HttpRequestException ex)
        {
            return (null, $"unreachable ({ex.HttpRequestError})");
        }
    }

    private static async Task<HttpResponseMessage> CheckAsync(string alertmanager, string peer, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
        {
            return response;
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new PortFailure(
                    $"Alertmanager {alertmanager}{peer} refused the bot's credentials ({(int)response.StatusCode}): check ChatOps:Alertmanagers:{alertmanager}:BearerToken or User and Password");
            }

            var reason = AlertmanagerJson.Reason(await response.Content.ReadAsStringAsync(cancellationToken));
            throw new PortFailure($"Alertmanager {alertmanager}{peer} answered {(int)response.StatusCode}{(reason.Length > 0 ? $": {reason}" : string.Empty)}");
        }
    }

    /// <summary>Bearer first; else Basic from the options, or from the URL's user info (which never goes on the wire as such).</summary>
    private static AuthenticationHeaderValue? Authorization(AlertmanagerTarget target, string url) =>
        HttpCredentials.BearerOrBasic(target.BearerToken,
            target.User.Length > 0 ? $"{target.User}:{target.Password}" : Uri.UnescapeDataString(new Uri(url).UserInfo));

    /// <summary>The URL without user info, ending in '/' so API paths append to any path prefix (a proxy's /alertmanager/).</summary>
    private static Uri BaseUri(string url)
    {
        var builder = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }
}
