namespace ChatOps.Bot.Infrastructure.Vault;

/// <summary>Checked twice: before the first Vault call (the settings are read early) and with the other options.</summary>
internal sealed class VaultOptionsValidator : IValidateOptions<VaultOptions>
{
    public ValidateOptionsResult Validate(string? name, VaultOptions options)
    {
        var e = new OptionsErrors();
        const string s = VaultOptions.SectionName;
        e.Url(options.Address, $"{s}:Address");
        if (!options.Enabled)
        {
            return e.Result;
        }

        e.Check(Enum.IsDefined(options.AuthMethod), $"{s}:AuthMethod", "must be Token, AppRole or Kubernetes");
        switch (options.AuthMethod)
        {
            case VaultAuthMethod.Token:
                e.Check(options.Token.Length > 0, $"{s}:Token", "must be set when AuthMethod is Token");
                break;
            case VaultAuthMethod.AppRole:
                e.Check(options.RoleId.Length > 0, $"{s}:RoleId", "must be set when AuthMethod is AppRole");
                e.Check(
                    (options.SecretId.Length > 0) != (options.SecretIdFile.Length > 0),
                    $"{s}:SecretId",
                    "set exactly one of SecretId or SecretIdFile when AuthMethod is AppRole");
                break;
            case VaultAuthMethod.Kubernetes:
                e.Check(options.Role.Length > 0, $"{s}:Role", "must be set when AuthMethod is Kubernetes");
                e.Check(options.ServiceAccountTokenFile.Length > 0, $"{s}:ServiceAccountTokenFile", "must be set when AuthMethod is Kubernetes");
                break;
        }

        e.Check(
            options.RefreshInterval >= TimeSpan.FromMilliseconds(100) && options.RefreshInterval <= TimeSpan.FromDays(1),
            $"{s}:RefreshInterval",
            $"{options.RefreshInterval} must be between 00:00:00.100 and 1.00:00:00");
        e.RequestTimeout(options.RequestTimeout, $"{s}:RequestTimeout");
        e.Check(options.Secrets.Count > 0, $"{s}:Secrets", "list at least one secret to read when Address is set");

        CheckSecrets(e, options.Secrets);
        return e.Result;
    }

    /// <summary>Each secret names a readable path and maps its fields onto distinct configuration keys outside Vault's own.</summary>
    private static void CheckSecrets(OptionsErrors e, IReadOnlyList<VaultSecretMapping> secrets)
    {
        const string s = VaultOptions.SectionName;
        var targets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < secrets.Count; i++)
        {
            var secret = secrets[i];
            var k = $"{s}:Secrets:{i}";
            var segments = secret.Path.Split('/');
            e.Check(
                segments.Length >= 2 && segments.All(p => p.Length > 0 && p != ".." && p != "."),
                $"{k}:Path",
                $"'{secret.Path}' must be <mount>/<path> without empty, '.' or '..' segments");
            e.Check(secret.KvVersion is 0 or 1 or 2, $"{k}:KvVersion", "must be 1, 2, or 0 to ask Vault");
            e.Check(
                secret.Mount.Length == 0 || secret.Path.StartsWith(secret.Mount.Trim('/') + "/", StringComparison.Ordinal),
                $"{k}:Mount",
                $"'{secret.Mount}' must be the beginning of Path");
            e.Check(secret.Map.Count > 0, $"{k}:Map", "map at least one field onto a configuration key");
            foreach (var (field, key) in secret.Map)
            {
                e.Check(key.Contains(':', StringComparison.Ordinal) && !key.Contains("::", StringComparison.Ordinal), $"{k}:Map:{field}", $"'{key}' must be a configuration key such as ChatOps:Slack:SigningSecret");
                e.Check(!key.StartsWith(s, StringComparison.OrdinalIgnoreCase), $"{k}:Map:{field}", "Vault's own settings cannot come from Vault");
                e.Check(targets.TryAdd(key, k), $"{k}:Map:{field}", $"'{key}' is already mapped by {targets.GetValueOrDefault(key)}");
            }
        }
    }
}
