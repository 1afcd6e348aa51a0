using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.IntegrationTests.Teams;

/// <summary>One request Graph or its login endpoint received: the path, the bearer token and the body.</summary>
public sealed record GraphCall(string Path, string? Authorization, string Body);

/// <summary>
/// Entra ID's client-credentials token endpoint (<c>/{tenant}/oauth2/v2.0/token</c>) and Microsoft Graph's
/// <c>/v1.0/users/{id}/checkMemberGroups</c> on loopback, speaking their wire format: form-encoded token requests
/// answered with <c>{token_type, expires_in, access_token}</c> or <c>{error}</c>, Graph calls refused (401, Graph's
/// error body) without a token it issued, 404 <c>Request_ResourceNotFound</c> for users it does not know, and the
/// asked groups the user is in under <c>value</c>. <see cref="Throttle"/> answers the next calls 429 with Retry-After.
/// </summary>
public sealed class FakeGraph : IAsyncDisposable
{
    public const string Tenant = "5b6f2c1e-0a4d-4c39-9a57-1d2f0e7c8b91";
    public const string ClientId = "6c7a3d2f-1b5e-4d4a-8b68-2e3f1f8d9ca2";
    public const string ClientSecret = "graph-s3cret-value";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<GraphCall> calls = new();
    private readonly ConcurrentDictionary<string, bool> issued = new();
    private int tokens;
    private int throttled;

    private FakeGraph(WebApplication app) => this.app = app;

    public Uri Root { get; private set; } = null!;

    /// <summary>User (AAD object id) → the groups (object ids) they are in, nested memberships already resolved.</summary>
    public ConcurrentDictionary<string, string[]> Members { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, checkMemberGroups answers 500 (Graph is failing).</summary>
    public bool Failing { get; set; }

    public IReadOnlyList<GraphCall> Calls => [.. calls];

    public IReadOnlyList<GraphCall> TokenRequests => Calls.Where(c => c.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<GraphCall> MembershipChecks => Calls.Where(c => c.Path.EndsWith("/checkMemberGroups", StringComparison.Ordinal)).ToList();

    public static async Task<FakeGraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGraph(app);
        app.MapPost("/{tenant}/oauth2/v2.0/token", fake.TokenAsync);
        app.MapPost("/v1.0/users/{id}/checkMemberGroups", fake.CheckMemberGroupsAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Root = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>The next <paramref name="times"/> membership checks are answered 429 Too Many Requests, Retry-After 0.</summary>
    public void Throttle(int times) => throttled = times;

    public void Configure(Dictionary<string, string?> settings)
    {
        settings["ChatOps:Teams:Graph:TenantId"] = Tenant;
        settings["ChatOps:Teams:Graph:ClientId"] = ClientId;
        settings["ChatOps:Teams:Graph:ClientSecret"] = ClientSecret;
        settings["ChatOps:Teams:Graph:BaseUrl"] = Root.ToString();
        settings["ChatOps:Teams:Graph:LoginUrl"] = Root.ToString();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task TokenAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        calls.Enqueue(new GraphCall(http.Request.Path.Value ?? string.Empty, null, body));
        var form = QueryHelpers.ParseQuery(body);
        if (http.Request.RouteValues["tenant"]?.ToString() != Tenant || form["client_id"] != ClientId || form["client_secret"] != ClientSecret
            || form["grant_type"] != "client_credentials" || form["scope"] != "https://graph.microsoft.com/.default")
        {
            http.Response.StatusCode = 401;
            await http.Response.WriteAsJsonAsync(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." });
            return;
        }

        var token = $"graph-access-{Interlocked.Increment(ref tokens)}";
        issued[token] = true;
        await http.Response.WriteAsJsonAsync(new { token_type = "Bearer", expires_in = 3599, ext_expires_in = 3599, access_token = token });
    }

    private async Task CheckMemberGroupsAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var authorization = http.Request.Headers.Authorization.ToString();
        calls.Enqueue(new GraphCall(http.Request.Path.Value ?? string.Empty, authorization, body));
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !issued.ContainsKey(authorization["Bearer ".Length..]))
        {
            await ErrorAsync(http, 401, "InvalidAuthenticationToken", "Access token is empty.");
            return;
        }

        if (Interlocked.Decrement(ref throttled) >= 0)
        {
            http.Response.Headers.RetryAfter = "0";
            await ErrorAsync(http, 429, "TooManyRequests", "Too many requests.");
            return;
        }

        if (Failing)
        {
            await ErrorAsync(http, 500, "generalException", "An error occurred.");
            return;
        }

        var asked = JsonNode.Parse(body)!["groupIds"]!.AsArray().Select(g => g!.GetValue<string>()).ToList();
        if (asked.Count > 20)
        {
            await ErrorAsync(http, 400, "Request_BadRequest", "Too many groupIds.");
            return;
        }

        if (!Members.TryGetValue(http.Request.RouteValues["id"]!.ToString()!, out var groups))
        {
            await ErrorAsync(http, 404, "Request_ResourceNotFound", "Resource does not exist or one of its queried reference-property objects are not present.");
            return;
        }

        await http.Response.WriteAsJsonAsync(new JsonObject
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)",
            ["value"] = new JsonArray([.. asked.Where(a => groups.Contains(a, StringComparer.OrdinalIgnoreCase)).Select(a => (JsonNode)a)]),
        });
    }

    private static async Task ErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(new { error = new { code, message } });
    }
}
