using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.IntegrationTests.Teams;

public sealed record ConnectorCall(string Method, string Path, string? Authorization, string Body)
{
    public JsonNode? Json => Body.StartsWith('{') ? JsonNode.Parse(Body) : null;

    /// <summary>The first attachment's Adaptive Card, as JSON text (for "contains" checks).</summary>
    public string Card => Json?["attachments"]?[0]?["content"]?.ToJsonString() ?? string.Empty;

    /// <summary>The card's actions that run a command, title to command, whether an Action.Execute or a confirming ShowCard around one.</summary>
    public Dictionary<string, string> CardCommands() =>
        (Json?["attachments"]?[0]?["content"]?["actions"]?.AsArray() ?? [])
        .Select(a => (Title: a!["title"]!.GetValue<string>(),
            Command: a["data"]?["command"]?.GetValue<string>() ?? a["card"]?["actions"]?[0]?["data"]?["command"]?.GetValue<string>()))
        .Where(a => a.Command is not null)
        .ToDictionary(a => a.Title, a => a.Command!);

    /// <summary>The command of the card's Approve button.</summary>
    public string ApproveCommand() => CardCommands().Values.First(c => c.StartsWith("approve ", StringComparison.Ordinal));
}

/// <summary>
/// Bot Framework on loopback: OpenID metadata and a JWKS with test RSA keys (each with its endorsements), the
/// client-credentials token endpoint, and a Bot Connector under <see cref="ServiceUrl"/> that records every call and
/// refuses any bearer token it did not issue.
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string AppPassword = "s3cret-app-password";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<ConnectorCall> calls = new();
    private readonly ConcurrentQueue<Dictionary<string, string>> tokenRequests = new();
    private readonly ConcurrentDictionary<string, (RSA Key, string[] Endorsements)> published = new();
    private readonly ConcurrentDictionary<string, bool> issued = new();
    private int activityIds;
    private int tokens;

    private FakeBotFramework(WebApplication app)
    {
        this.app = app;
    }

    public Uri Root { get; private set; } = null!;

    public string ServiceUrl => new Uri(Root, "connector/").ToString();

    public Uri MetadataUrl => new(Root, "v1/.well-known/openidconfiguration");

    public Uri TokenEndpoint => new(Root, "botframework.com/oauth2/v2.0/token");

    public IReadOnlyList<ConnectorCall> Calls => [.. calls];

    public IReadOnlyList<Dictionary<string, string>> TokenRequests => [.. tokenRequests];

    public int MetadataFetches { get; private set; }

    public static async Task<FakeBotFramework> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotFramework(app);
        app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            fake.MetadataFetches++;
            return Results.Json(new { issuer = "https://api.botframework.com", jwks_uri = new Uri(fake.Root, "v1/keys").ToString() });
        });
        app.MapGet("/v1/keys", fake.Jwks);
        app.MapPost("/{tenant}/oauth2/v2.0/token", fake.TokenAsync);
        app.Map("/connector/{**rest}", fake.ConnectorAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Root = new Uri(address.TrimEnd('/') + "/");
        fake.Publish("key-1", "msteams");
        return fake;
    }

    /// <summary>Adds (or replaces) a signing key in the JWKS.</summary>
    public RSA Publish(string kid, params string[] endorsements)
    {
        var rsa = RSA.Create(2048);
        published[kid] = (rsa, endorsements);
        return rsa;
    }

    public SigningCredentials Credentials(string kid) =>
        new(new RsaSecurityKey(published[kid].Key) { KeyId = kid }, SecurityAlgorithms.RsaSha256);

    public IReadOnlyList<ConnectorCall> CallsTo(string method, string pathContains) =>
        Calls.Where(c => c.Method == method && c.Path.Contains(pathContains, StringComparison.Ordinal)).ToList();

    public async Task<ConnectorCall> WaitForAsync(Func<ConnectorCall, bool> match, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < until)
        {
            if (Calls.FirstOrDefault(match) is { } call)
            {
                return call;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no matching Connector call; calls: {string.Join(", ", Calls.Select(c => $"{c.Method} {c.Path}"))}");
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        foreach (var (key, _) in published.Values)
        {
            key.Dispose();
        }
    }

    private IResult Jwks()
    {
        var keys = published.Select(p =>
        {
            var parameters = p.Value.Key.ExportParameters(false);
            return new
            {
                kty = "RSA",
                use = "sig",
                kid = p.Key,
                n = Base64UrlEncoder.Encode(parameters.Modulus),
                e = Base64UrlEncoder.Encode(parameters.Exponent),
                endorsements = p.Value.Endorsements,
            };
        });
        return Results.Json(new { keys });
    }

    private async Task TokenAsync(HttpContext http)
    {
        var form = QueryHelpers.ParseQuery(await new StreamReader(http.Request.Body).ReadToEndAsync())
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        form["tenant"] = http.Request.RouteValues["tenant"]?.ToString() ?? string.Empty;
        tokenRequests.Enqueue(form);
        if (form.GetValueOrDefault("client_id") != AppId || form.GetValueOrDefault("client_secret") != AppPassword ||
            form.GetValueOrDefault("grant_type") != "client_credentials" || form.GetValueOrDefault("scope") != "https://api.botframework.com/.default")
        {
            http.Response.StatusCode = 401;
            await http.Response.WriteAsJsonAsync(new { error = "invalid_client" });
            return;
        }

        var token = $"bf-access-{Interlocked.Increment(ref tokens)}";
        issued[token] = true;
        await http.Response.WriteAsJsonAsync(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = token });
    }

    private async Task ConnectorAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync();
        var authorization = http.Request.Headers.Authorization.ToString();
        calls.Enqueue(new ConnectorCall(http.Request.Method, http.Request.Path.Value ?? string.Empty, authorization, body));
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !issued.ContainsKey(authorization["Bearer ".Length..]))
        {
            http.Response.StatusCode = 401;
            return;
        }

        await http.Response.WriteAsJsonAsync(new { id = $"act-{Interlocked.Increment(ref activityIds)}" });
    }
}
