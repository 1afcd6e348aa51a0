using System.Collections.Concurrent;
using System.Net;

namespace ChatOps.Bot.Infrastructure.Vault;

/// <summary>Reads one KV secret's fields.</summary>
public interface IVaultSecretReader
{
    Task<IReadOnlyDictionary<string, string>> ReadAsync(VaultSecretMapping secret, CancellationToken cancellationToken);
}

/// <summary>
/// KV v1 (<c>GET /v1/{mount}/{path}</c>) and v2 (<c>GET /v1/{mount}/data/{path}</c>); with no version configured, the
/// mount and its version are asked of Vault once (<c>sys/internal/ui/mounts</c>, what the vault CLI does).
/// </summary>
public sealed class VaultKv(VaultHttp vault, VaultTokenKeeper tokens) : IVaultSecretReader
{
    private readonly ConcurrentDictionary<string, (string Mount, int Version)> _mounts = new(StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(VaultSecretMapping secret, CancellationToken cancellationToken)
    {
        try
        {
            var (mount, version) = await MountOfAsync(secret, cancellationToken);
            var rest = secret.Path[(mount.Length + 1)..];
            var answer = await GetAsync(version == 2 ? $"{Escape(mount)}/data/{Escape(rest)}" : Escape(secret.Path), cancellationToken);
            var data = Object(answer, "data") ?? throw new VaultException($"Vault answered {secret.Path} without data", secret.Path, null);
            if (version == 2)
            {
                data = Object(data, "data")
                    ?? throw new VaultException($"{secret.Path} has no current version (deleted or destroyed)", secret.Path, HttpStatusCode.NotFound);
            }

            return Fields(data);
        }
        catch (VaultException ex) when (ex.Path != secret.Path)
        {
            throw new VaultException($"{secret.Path}: {ex.Message}", secret.Path, ex.Status, ex);
        }
    }

    private async Task<(string Mount, int Version)> MountOfAsync(VaultSecretMapping secret, CancellationToken cancellationToken)
    {
        if (secret.KvVersion is 1 or 2)
        {
            return (secret.Mount.Length > 0 ? secret.Mount.Trim('/') : secret.Path.Split('/')[0], secret.KvVersion);
        }

        if (_mounts.TryGetValue(secret.Path, out var known))
        {
            return known;
        }

        var answer = await GetAsync($"sys/internal/ui/mounts/{Escape(secret.Path)}", cancellationToken);
        var data = Object(answer, "data");
        var mount = Text(data, "path")?.Trim('/');
        var type = Text(data, "type");
        if (mount is not { Length: > 0 } || type != "kv" || !secret.Path.StartsWith(mount + "/", StringComparison.Ordinal))
        {
            throw new VaultException($"{secret.Path} is not in a KV mount (Vault says type '{type}', mount '{mount}')", secret.Path, null);
        }

        var options = Object(data!.Value, "options");
        var version = Text(options, "version") == "2" ? 2 : 1;
        return _mounts[secret.Path] = (mount, version);
    }

    private async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        var token = await tokens.TokenAsync(cancellationToken);
        try
        {
            return await vault.GetAsync(path, token, cancellationToken);
        }
        catch (VaultException ex) when (ex.Status == HttpStatusCode.Forbidden && tokens.Forget(token))
        {
            // The token may have been revoked or expired early: log in once more before calling it a denial.
            return await vault.GetAsync(path, await tokens.TokenAsync(cancellationToken), cancellationToken);
        }
    }

    private static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Text(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string> Fields(JsonElement data) =>
        data.EnumerateObject()
            .Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);

    private static string Escape(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
