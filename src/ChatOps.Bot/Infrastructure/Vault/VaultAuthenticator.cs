namespace ChatOps.Bot.Infrastructure.Vault;

/// <summary>Token, AppRole and Kubernetes auth against Vault's HTTP API.</summary>
public sealed class VaultAuthenticator(VaultHttp vault, VaultOptions options) : IVaultAuth
{
    public bool CanLogInAgain => options.AuthMethod != VaultAuthMethod.Token;

    public async Task<VaultLease> LogInAsync(CancellationToken cancellationToken)
    {
        switch (options.AuthMethod)
        {
            case VaultAuthMethod.AppRole:
            {
                var secretId = options.SecretIdFile.Length > 0 ? await ReadFileAsync(options.SecretIdFile, "SecretIdFile", cancellationToken) : options.SecretId;
                var answer = await vault.PostAsync($"auth/{options.EffectiveAuthMount}/login", new { role_id = options.RoleId, secret_id = secretId }, null, cancellationToken);
                return Lease(answer, $"auth/{options.EffectiveAuthMount}/login");
            }

            case VaultAuthMethod.Kubernetes:
            {
                var jwt = await ReadFileAsync(options.ServiceAccountTokenFile, "ServiceAccountTokenFile", cancellationToken);
                var answer = await vault.PostAsync($"auth/{options.EffectiveAuthMount}/login", new { role = options.Role, jwt }, null, cancellationToken);
                return Lease(answer, $"auth/{options.EffectiveAuthMount}/login");
            }

            default:
            {
                // A configured token is not ours to replace; looking it up tells how long it lives and whether it renews.
                var answer = await vault.GetAsync("auth/token/lookup-self", options.Token, cancellationToken);
                var data = Property(answer, "data", "auth/token/lookup-self");
                var ttl = data.TryGetProperty("ttl", out var t) && t.TryGetInt64(out var seconds) ? seconds : 0;
                var renewable = data.TryGetProperty("renewable", out var r) && r.ValueKind == JsonValueKind.True;
                return new VaultLease(options.Token, TimeSpan.FromSeconds(ttl), renewable);
            }
        }
    }

    public async Task<VaultLease> RenewSelfAsync(string token, TimeSpan increment, CancellationToken cancellationToken)
    {
        var body = new { increment = ((long)increment.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s" };
        return Lease(await vault.PostAsync("auth/token/renew-self", body, token, cancellationToken), "auth/token/renew-self");
    }

    private static VaultLease Lease(JsonElement answer, string path)
    {
        var auth = Property(answer, "auth", path);
        if (!auth.TryGetProperty("client_token", out var token) || token.ValueKind != JsonValueKind.String || token.GetString() is not { Length: > 0 } value)
        {
            throw new VaultException($"Vault answered {path} without a client_token", path, null);
        }

        var lease = auth.TryGetProperty("lease_duration", out var d) && d.TryGetInt64(out var seconds) ? seconds : 0;
        var renewable = auth.TryGetProperty("renewable", out var r) && r.ValueKind == JsonValueKind.True;
        return new VaultLease(value, TimeSpan.FromSeconds(lease), renewable);
    }

    private static JsonElement Property(JsonElement answer, string name, string path) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new VaultException($"Vault answered {path} without '{name}'", path, null);

    private static async Task<string> ReadFileAsync(string file, string key, CancellationToken cancellationToken)
    {
        try
        {
            var text = (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
            return text.Length > 0 ? text : throw new VaultException($"{file} is empty ({VaultOptions.SectionName}:{key})", file, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VaultException($"cannot read {file} ({VaultOptions.SectionName}:{key}): {ex.Message}", file, null, ex);
        }
    }
}
