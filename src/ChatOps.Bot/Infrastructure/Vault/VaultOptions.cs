using ChatOps.Bot.Parsing;

namespace ChatOps.Bot.Infrastructure.Vault;

public enum VaultAuthMethod
{
    Token,
    AppRole,
    Kubernetes,
}

/// <summary>
/// <c>ChatOps:Vault</c>: where the bot's secrets come from. Read before the rest of the configuration is validated,
/// so a secret mapped onto <c>ChatOps:Slack:SigningSecret</c> is there when the Slack options are checked.
/// </summary>
public sealed class VaultOptions
{
    public const string SectionName = "ChatOps:Vault";

    public const string DefaultServiceAccountTokenFile = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>Empty: Vault is not used.</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>Vault Enterprise / HCP namespace, sent as <c>X-Vault-Namespace</c>.</summary>
    public string Namespace { get; set; } = string.Empty;

    public VaultAuthMethod AuthMethod { get; set; } = VaultAuthMethod.Token;

    /// <summary>Where the auth method is mounted; empty means its default (<c>approle</c>, <c>kubernetes</c>).</summary>
    public string AuthMount { get; set; } = string.Empty;

    /// <summary>The token, for <see cref="VaultAuthMethod.Token"/>.</summary>
    public string Token { get; set; } = string.Empty;

    public string RoleId { get; set; } = string.Empty;

    public string SecretId { get; set; } = string.Empty;

    /// <summary>A file holding the AppRole secret_id (read at every login, so it may be rotated on disk).</summary>
    public string SecretIdFile { get; set; } = string.Empty;

    /// <summary>The Vault role, for <see cref="VaultAuthMethod.Kubernetes"/>.</summary>
    public string Role { get; set; } = string.Empty;

    /// <summary>The pod's service-account token (read at every login: projected tokens rotate).</summary>
    public string ServiceAccountTokenFile { get; set; } = DefaultServiceAccountTokenFile;

    /// <summary>How often the listed secrets are read again; a changed value reloads the configuration.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public List<VaultSecretMapping> Secrets { get; set; } = [];

    public bool Enabled => Address.Length > 0;

    public string EffectiveAuthMount => AuthMount.Length > 0 ? AuthMount.Trim('/') : AuthMethod switch
    {
        VaultAuthMethod.AppRole => "approle",
        VaultAuthMethod.Kubernetes => "kubernetes",
        _ => "token",
    };
}

/// <summary>A KV secret read at start and on every refresh, its fields mapped onto configuration keys.</summary>
public sealed class VaultSecretMapping
{
    /// <summary>Mount and path, e.g. <c>secret/ctg-oms/prod/slack</c> (no <c>data/</c> for KV v2: it is added).</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>1 or 2; 0 asks Vault which version the mount holding <see cref="Path"/> is.</summary>
    public int KvVersion { get; set; }

    /// <summary>The KV mount when <see cref="KvVersion"/> is given and the mount is not the first path segment.</summary>
    public string Mount { get; set; } = string.Empty;

    /// <summary>Secret field → configuration key, e.g. <c>signing_secret</c> → <c>ChatOps:Slack:SigningSecret</c>.</summary>
    public Dictionary<string, string> Map { get; set; } = new(StringComparer.Ordinal);
}
