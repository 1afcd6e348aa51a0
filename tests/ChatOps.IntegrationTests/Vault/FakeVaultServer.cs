using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Bot.Parsing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.IntegrationTests.Vault;

public sealed record VaultCall(string Method, string Path, string? Token, string? Namespace, string Body)
{
    public JsonNode? Json => Body.Length > 0 ? JsonNode.Parse(Body) : null;
}

/// <summary>
/// A loopback Kestrel server that answers like Vault's HTTP API: KV v1 and v2 reads, the mount lookup the vault CLI
/// uses, AppRole and Kubernetes login, token lookup-self and renew-self, and Vault's <c>{"errors":[…]}</c> bodies for
/// 400 / 403 / 404 / 503. Tokens expire on the real clock. Every call is recorded.
/// </summary>
public sealed class FakeVaultServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<VaultCall> calls = new();
    private readonly ConcurrentDictionary<string, IssuedToken> tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Secret> secrets = new(StringComparer.Ordinal);
    private int issued;

    private FakeVaultServer(WebApplication app)
    {
        this.app = app;
    }

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<VaultCall> Calls => [.. calls];

    /// <summary>KV mounts and their version ("secret" → 2).</summary>
    public ConcurrentDictionary<string, int> Mounts { get; } = new(StringComparer.Ordinal);

    /// <summary>AppRole: role_id → secret_id.</summary>
    public ConcurrentDictionary<string, string> AppRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>Kubernetes auth: role → the service-account JWT it accepts.</summary>
    public ConcurrentDictionary<string, string> KubernetesRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>Logical secret paths (<c>secret/ctg-oms/prod/slack</c>) no token's policy allows.</summary>
    public ConcurrentDictionary<string, bool> Denied { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every request must carry it as X-Vault-Namespace (tokens and roles live in it).</summary>
    public string? Namespace { get; set; }

    public bool Sealed { get; set; }

    /// <summary>renew-self answers 403 (the policy no longer allows it).</summary>
    public bool RefuseRenewals { get; set; }

    public TimeSpan TokenTtl { get; set; } = TimeSpan.FromHours(1);

    public bool TokensRenewable { get; set; } = true;

    public static async Task<FakeVaultServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeVaultServer(app);
        app.Map("/v1/{**path}", (HttpContext http, string path) => fake.HandleAsync(http, path));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Address = new Uri(address.TrimEnd('/'));
        return fake;
    }

    /// <summary>Writes a secret (a new version on a KV v2 mount).</summary>
    public void Put(string path, Dictionary<string, object?> data) =>
        secrets.AddOrUpdate(path, _ => new Secret(data, 1), (_, old) => new Secret(data, old.Version + 1));

    /// <summary>A token as an operator would create one (<c>vault token create</c>); ttl zero never expires.</summary>
    public string CreateToken(TimeSpan ttl, bool renewable) => Issue(ttl, renewable).Id;

    /// <summary><c>vault token revoke</c>: the next call with it is denied.</summary>
    public void Revoke(string token) => tokens.TryRemove(token, out _);

    public bool IsLive(string token) => tokens.TryGetValue(token, out var t) && !t.Expired;

    public IReadOnlyList<string> IssuedTokens => [.. tokens.Keys];

    public IReadOnlyList<VaultCall> CallsTo(string path) => Calls.Where(c => c.Path == path).ToList();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static Task Error(HttpContext http, int status, params string[] errors)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { errors });
    }

    private static string Str(JsonNode? body, string name) =>
        body is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    private async Task HandleAsync(HttpContext http, string path)
    {
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync();
        var token = http.Request.Headers["X-Vault-Token"].FirstOrDefault();
        var ns = http.Request.Headers["X-Vault-Namespace"].FirstOrDefault();
        calls.Enqueue(new VaultCall(http.Request.Method, path, token, ns, body));
        var json = body.Length > 0 ? JsonNode.Parse(body) : null;

        if (Sealed)
        {
            await Error(http, 503, "Vault is sealed");
            return;
        }

        if (Namespace is not null && ns?.Trim('/') != Namespace)
        {
            // Tokens and roles live in the namespace: outside it, nothing is found and nothing is permitted.
            await Error(http, 403, "permission denied");
            return;
        }

        switch (http.Request.Method, path)
        {
            case ("POST", "auth/approle/login"):
                if (AppRoles.TryGetValue(Str(json, "role_id"), out var secretId) && secretId == Str(json, "secret_id"))
                {
                    await LoginAnswer(http, Issue(TokenTtl, TokensRenewable));
                }
                else
                {
                    await Error(http, 400, "invalid role or secret ID");
                }

                return;
            case ("POST", "auth/kubernetes/login"):
                if (!KubernetesRoles.TryGetValue(Str(json, "role"), out var jwt))
                {
                    await Error(http, 400, $"invalid role name \"{Str(json, "role")}\"");
                }
                else if (jwt != Str(json, "jwt"))
                {
                    await Error(http, 403, "permission denied");
                }
                else
                {
                    await LoginAnswer(http, Issue(TokenTtl, TokensRenewable));
                }

                return;
        }

        if (token is null || !tokens.TryGetValue(token, out var caller) || caller.Expired)
        {
            await Error(http, 403, "permission denied");
            return;
        }

        switch (http.Request.Method, path)
        {
            case ("GET", "auth/token/lookup-self"):
                await http.Response.WriteAsJsonAsync(new
                {
                    data = new { ttl = (long)caller.Remaining.TotalSeconds, renewable = caller.Renewable, policies = new[] { "chatops" } },
                });
                return;
            case ("POST", "auth/token/renew-self"):
                await RenewAsync(http, caller, Str(json, "increment"));
                return;
            case ("GET", _) when path.StartsWith("sys/internal/ui/mounts/", StringComparison.Ordinal):
                await MountAsync(http, path["sys/internal/ui/mounts/".Length..]);
                return;
            case ("GET", _):
                await ReadAsync(http, path);
                return;
            default:
                await Error(http, 405, "unsupported operation");
                return;
        }
    }

    private async Task RenewAsync(HttpContext http, IssuedToken caller, string increment)
    {
        if (RefuseRenewals)
        {
            await Error(http, 403, "permission denied");
            return;
        }

        if (!caller.Renewable)
        {
            await Error(http, 400, "lease is not renewable");
            return;
        }

        var seconds = increment.EndsWith('s') && long.TryParse(increment[..^1], CultureInfo.InvariantCulture, out var s) ? s : (long)TokenTtl.TotalSeconds;
        var ttl = TimeSpan.FromSeconds(Math.Min(seconds, (long)TokenTtl.TotalSeconds));
        var renewed = caller with { ExpiresAt = DateTimeOffset.UtcNow + ttl, Ttl = ttl };
        tokens[caller.Id] = renewed;
        await LoginAnswer(http, renewed);
    }

    private async Task MountAsync(HttpContext http, string path)
    {
        var mount = Mounts.Keys.FirstOrDefault(m => path.StartsWith(m + "/", StringComparison.Ordinal));
        if (mount is null)
        {
            await Error(http, 400, $"no matching mount for path \"{path}\"");
            return;
        }

        await http.Response.WriteAsJsonAsync(new
        {
            data = new { path = mount + "/", type = "kv", options = Mounts[mount] == 2 ? new { version = "2" } : null },
        });
    }

    private async Task ReadAsync(HttpContext http, string path)
    {
        var mount = Mounts.Keys.FirstOrDefault(m => path.StartsWith(m + "/", StringComparison.Ordinal));
        if (mount is null)
        {
            await Error(http, 404, $"no handler for route \"{path}\". route entry not found.");
            return;
        }

        var v2 = Mounts[mount] == 2;
        var rest = path[(mount.Length + 1)..];
        if (v2 && !rest.StartsWith("data/", StringComparison.Ordinal))
        {
            // A KV v1-style read on a v2 mount, which real Vault also refuses.
            await Error(http, 404, $"no handler for route \"{path}\"");
            return;
        }

        var logical = v2 ? $"{mount}/{rest["data/".Length..]}" : path;
        if (Denied.ContainsKey(logical))
        {
            await Error(http, 403, "1 error occurred:\n\t* permission denied\n\n");
            return;
        }

        if (!secrets.TryGetValue(logical, out var secret))
        {
            await Error(http, 404);
            return;
        }

        object answer = v2
            ? new
            {
                request_id = Guid.NewGuid(),
                lease_id = string.Empty,
                renewable = false,
                lease_duration = 0,
                data = new { data = secret.Data, metadata = new { version = secret.Version, created_time = DateTimeOffset.UtcNow, deletion_time = string.Empty, destroyed = false } },
            }
            : new { request_id = Guid.NewGuid(), lease_id = string.Empty, renewable = false, lease_duration = 2_764_800, data = secret.Data };
        await http.Response.WriteAsJsonAsync(answer, new JsonSerializerOptions());
    }

    private Task LoginAnswer(HttpContext http, IssuedToken t) => http.Response.WriteAsJsonAsync(new
    {
        request_id = Guid.NewGuid(),
        auth = new
        {
            client_token = t.Id,
            accessor = "acc-" + t.Id,
            policies = new[] { "default", "chatops" },
            lease_duration = (long)t.Ttl.TotalSeconds,
            renewable = t.Renewable,
        },
    });

    private IssuedToken Issue(TimeSpan ttl, bool renewable)
    {
        // Not Vault's own token format, so no test file holds anything that looks like a real token.
        var t = new IssuedToken($"s.fake{Interlocked.Increment(ref issued)}x{Guid.NewGuid():N}"[..24], ttl, renewable, DateTimeOffset.UtcNow + ttl);
        tokens[t.Id] = t;
        return t;
    }

    private sealed record Secret(Dictionary<string, object?> Data, int Version);

    private sealed record IssuedToken(string Id, TimeSpan Ttl, bool Renewable, DateTimeOffset ExpiresAt)
    {
        public bool Expired => Ttl > TimeSpan.Zero && DateTimeOffset.UtcNow >= ExpiresAt;

        public TimeSpan Remaining => Ttl == TimeSpan.Zero ? TimeSpan.Zero : ExpiresAt - DateTimeOffset.UtcNow;
    }
}
