using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Serialization;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// <c>POST v1.0/users/{id}/checkMemberGroups</c>: Graph answers, for the groups asked about (at most 20 a call), the
/// ones the user is in, nested groups included. Chosen over <c>getMemberGroups</c> because the bot only ever needs
/// the few groups its configuration names: the answer is small, needs no paging, and does not list a user's other
/// memberships. Throttling (429, 503) is retried after Retry-After, a few times and only for short waits, because a
/// command is waiting; a rejected token is refreshed once; 404 means Graph does not know the user.
/// </summary>
public sealed class GraphMembershipClient(
    IHttpClientFactory clients,
    GraphTokenClient tokens,
    IOptionsMonitor<TeamsOptions> options,
    TimeProvider clock) : IGraphMembership
{
    public const string HttpClientName = "teams-graph";
    public const int GroupsPerCall = 20;
    public const int MaxAttempts = 3;

    /// <summary>A longer Retry-After is not waited out: the command is answered (without the group) instead.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlySet<string>> MemberGroupsAmongAsync(string userId, IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupIds);
        var members = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in groupIds.Chunk(GroupsPerCall))
        {
            members.UnionWith(await CheckAsync(userId, chunk, cancellationToken));
        }

        return members;
    }

    private async Task<IReadOnlyList<string>> CheckAsync(string userId, string[] groupIds, CancellationToken cancellationToken)
    {
        var uri = new Uri(
            new Uri(GraphTokenClient.WithSlash(options.CurrentValue.Graph.BaseUrl)),
            $"v1.0/users/{Uri.EscapeDataString(userId)}/checkMemberGroups");
        var refreshed = false;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(new CheckBody(groupIds)) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<ValueBody>(cancellationToken);
                return body?.Value ?? throw new GraphException("checkMemberGroups answered without a value");
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return [];
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshed)
            {
                tokens.Invalidate();
                refreshed = true;
                attempt--;
                continue;
            }

            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                && attempt < MaxAttempts && Wait(response.Headers.RetryAfter, attempt) is { } wait)
            {
                await Task.Delay(wait, clock, cancellationToken);
                continue;
            }

            throw new GraphException($"checkMemberGroups answered HTTP {(int)response.StatusCode} {await ErrorCodeAsync(response, cancellationToken)}".TrimEnd());
        }
    }

    /// <summary>Retry-After as seconds or a date; without one, 1 s then 2 s. Null: too long to keep a command waiting.</summary>
    private TimeSpan? Wait(RetryConditionHeaderValue? retryAfter, int attempt)
    {
        var wait = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - clock.GetUtcNow() : TimeSpan.FromSeconds(attempt));
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        return wait <= MaxRetryAfter ? wait : null;
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<ErrorBody>(cancellationToken))?.Error?.Code;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record CheckBody([property: JsonPropertyName("groupIds")] IReadOnlyList<string> GroupIds);

    private sealed record ValueBody([property: JsonPropertyName("value")] List<string>? Value);

    private sealed record ErrorBody([property: JsonPropertyName("error")] ErrorDetail? Error);

    private sealed record ErrorDetail([property: JsonPropertyName("code")] string? Code);
}
