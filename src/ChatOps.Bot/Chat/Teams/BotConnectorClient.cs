using System.Net;
using System.Net.Http.Headers;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// The Bot Connector REST API without an SDK: <c>POST v3/conversations/{id}/activities[/{replyTo}]</c> to send or
/// reply and <c>PUT v3/conversations/{id}/activities/{activityId}</c> to update, against the conversation's service
/// URL, with the client-credentials token. A 401 fetches a fresh token and tries once more.
/// </summary>
public sealed class BotConnectorClient(IHttpClientFactory clients, BotTokenClient tokens) : IBotConnector
{
    public const string HttpClientName = "teams";

    public async Task<string> SendAsync(TeamsConversation conversation, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var path = $"v3/conversations/{Uri.EscapeDataString(conversation.ConversationId)}/activities";
        if (conversation.ReplyToId is { Length: > 0 } replyTo)
        {
            path += $"/{Uri.EscapeDataString(replyTo)}";
            activity["replyToId"] = replyTo;
        }

        var answer = await CallAsync(HttpMethod.Post, conversation.ServiceUrl, path, activity, cancellationToken);
        return answer.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : string.Empty;
    }

    public async Task UpdateAsync(TeamsConversation conversation, string activityId, JsonObject activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        activity["id"] = activityId;
        var path = $"v3/conversations/{Uri.EscapeDataString(conversation.ConversationId)}/activities/{Uri.EscapeDataString(activityId)}";
        await CallAsync(HttpMethod.Put, conversation.ServiceUrl, path, activity, cancellationToken);
    }

    private async Task<JsonElement> CallAsync(HttpMethod method, Uri serviceUrl, string path, JsonObject activity, CancellationToken cancellationToken)
    {
        var uri = new Uri(new Uri(serviceUrl.ToString().TrimEnd('/') + "/"), path);
        var json = activity.ToJsonString(AdaptiveCards.Wire);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                tokens.Invalidate();
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"Bot Connector {method} {path} failed: HTTP {(int)response.StatusCode}", null, response.StatusCode);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(text))
            {
                return default;
            }

            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
    }
}
