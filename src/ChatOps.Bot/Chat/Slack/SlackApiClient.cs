using System.Net;
using System.Net.Http.Headers;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// Slack's Web API without an SDK: POST to <c>{ApiBaseUrl}{method}</c> with the bot token, JSON for write methods and
/// form arguments for read methods. HTTP 429 is retried after <c>Retry-After</c> (a few times, bounded); an
/// <c>ok:false</c> envelope becomes a <see cref="SlackApiException"/> carrying Slack's error code.
/// </summary>
public sealed class SlackApiClient(
    IHttpClientFactory clients,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackApiClient> logger) : ISlackApi
{
    public const string HttpClientName = "slack";
    private const int MaxAttempts = 4;
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    public async Task<PostedMessage> PostMessageAsync(string channel, JsonObject message, string? threadTs, CancellationToken cancellationToken)
    {
        var body = With(message, ("channel", channel), ("thread_ts", threadTs));
        var answer = await CallAsync("chat.postMessage", body, cancellationToken);
        return new PostedMessage(answer.GetProperty("channel").GetString() ?? channel, answer.GetProperty("ts").GetString() ?? string.Empty);
    }

    public Task UpdateAsync(string channel, string ts, JsonObject message, CancellationToken cancellationToken) =>
        CallAsync("chat.update", With(message, ("channel", channel), ("ts", ts)), cancellationToken);

    public Task PostEphemeralAsync(string channel, string user, JsonObject message, string? threadTs, CancellationToken cancellationToken) =>
        CallAsync("chat.postEphemeral", With(message, ("channel", channel), ("user", user), ("thread_ts", threadTs)), cancellationToken);

    public async Task<string> OpenDirectMessageAsync(string user, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("conversations.open", new JsonObject { ["users"] = user }, cancellationToken);
        return answer.GetProperty("channel").GetProperty("id").GetString()!;
    }

    public async Task<string> CreateConversationAsync(string name, bool isPrivate, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("conversations.create", new JsonObject { ["name"] = name, ["is_private"] = isPrivate }, cancellationToken);
        return answer.GetProperty("channel").GetProperty("id").GetString()!;
    }

    public Task InviteAsync(string channel, IEnumerable<string> users, CancellationToken cancellationToken) =>
        CallAsync("conversations.invite", new JsonObject { ["channel"] = channel, ["users"] = string.Join(',', users) }, cancellationToken);

    public Task SetTopicAsync(string channel, string topic, CancellationToken cancellationToken) =>
        CallAsync("conversations.setTopic", new JsonObject { ["channel"] = channel, ["topic"] = topic }, cancellationToken);

    public async Task<IReadOnlyList<string>> UserGroupMembersAsync(string userGroup, CancellationToken cancellationToken)
    {
        var answer = await CallFormAsync("usergroups.users.list", [new("usergroup", userGroup)], options.CurrentValue.BotToken, cancellationToken);
        return answer.GetProperty("users").EnumerateArray().Select(u => u.GetString()!).ToList();
    }

    public async Task<JsonElement> UserInfoAsync(string user, CancellationToken cancellationToken) =>
        (await CallFormAsync("users.info", [new("user", user)], options.CurrentValue.BotToken, cancellationToken)).GetProperty("user");

    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var answer = await CallFormAsync("apps.connections.open", [], options.CurrentValue.AppToken, cancellationToken);
        return new Uri(answer.GetProperty("url").GetString()!);
    }

    public async Task<string> UploadFileAsync(string channel, string? threadTs, string fileName, ReadOnlyMemory<byte> content, string altText, CancellationToken cancellationToken)
    {
        var token = options.CurrentValue.BotToken;
        var ticket = await CallFormAsync("files.getUploadURLExternal",
            [new("filename", fileName), new("length", content.Length.ToString(CultureInfo.InvariantCulture)), new("alt_txt", altText)], token, cancellationToken);
        var fileId = ticket.GetProperty("file_id").GetString() ?? throw new SlackApiException("files.getUploadURLExternal", "invalid_response");
        if (!Uri.TryCreate(ticket.GetProperty("upload_url").GetString(), UriKind.Absolute, out var uploadUrl) || uploadUrl.Scheme is not ("https" or "http"))
        {
            throw new SlackApiException("files.getUploadURLExternal", "invalid_response");
        }

        // The upload URL is pre-signed for this one file: the bot token is not sent to it.
        using (await SendAsync("upload_url", () => new HttpRequestMessage(HttpMethod.Post, uploadUrl)
        {
            Content = new ReadOnlyMemoryContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        }, cancellationToken))
        {
        }

        var complete = new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = fileName }),
            ["channel_id"] = channel,
        };
        if (threadTs is not null)
        {
            complete["thread_ts"] = threadTs;
        }

        await CallAsync("files.completeUploadExternal", complete, cancellationToken);
        return fileId;
    }

    /// <summary>A <c>response_url</c> takes the message JSON without a token; it answers plain "ok" or JSON.</summary>
    public async Task RespondAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken)
    {
        using var response = await SendAsync("response_url", () => new HttpRequestMessage(HttpMethod.Post, responseUrl)
        {
            Content = new StringContent(message.ToJsonString(BlockKit.Wire), Encoding.UTF8, "application/json"),
        }, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (text.StartsWith('{'))
        {
            Check("response_url", text);
        }
    }

    public Task<JsonElement> CallAsync(string method, JsonObject body, CancellationToken cancellationToken) =>
        CallAsync(method, () => new StringContent(body.ToJsonString(BlockKit.Wire), Encoding.UTF8, "application/json"), options.CurrentValue.BotToken, cancellationToken);

    private Task<JsonElement> CallFormAsync(string method, KeyValuePair<string, string>[] form, string token, CancellationToken cancellationToken) =>
        CallAsync(method, () => new FormUrlEncodedContent(form), token, cancellationToken);

    private async Task<JsonElement> CallAsync(string method, Func<HttpContent> content, string token, CancellationToken cancellationToken)
    {
        if (token.Length == 0)
        {
            throw new SlackApiException(method, "not_authed (the ChatOps:Slack token for this call is not configured)");
        }

        var uri = new Uri(new Uri(Normalize(options.CurrentValue.ApiBaseUrl)), method);
        using var response = await SendAsync(method, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content() };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }, cancellationToken);
        return Check(method, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private async Task<HttpResponseMessage> SendAsync(string method, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                if (!response.IsSuccessStatusCode)
                {
                    response.Dispose();
                    throw new SlackApiException(method, $"http_{(int)response.StatusCode}");
                }

                return response;
            }

            var wait = RetryAfter(response);
            response.Dispose();
            if (attempt >= MaxAttempts)
            {
                throw new SlackApiException(method, "ratelimited");
            }

            logger.LogWarning("Slack {Method} rate limited; retrying in {Seconds} s", method, wait.TotalSeconds);
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(1));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
    }

    private static JsonElement Check(string method, string text)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new SlackApiException(method, "invalid_response");
        }

        if (!root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
        {
            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "unknown_error";
            throw new SlackApiException(method, error);
        }

        return root;
    }

    private static JsonObject With(JsonObject message, params (string Name, string? Value)[] fields)
    {
        var body = (JsonObject)message.DeepClone();
        body.Remove("response_type");
        body.Remove("replace_original");
        foreach (var (name, value) in fields)
        {
            if (value is not null)
            {
                body[name] = value;
            }
        }

        return body;
    }

    private static string Normalize(string baseUrl) => baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/";
}
