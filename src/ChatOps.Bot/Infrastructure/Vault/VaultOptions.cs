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
    [Description("Vault's address, e.g. `https://vault.vault.svc:8200`; empty: Vault is not used (see *Secrets from Vault*)")]
    public string Address { get; set; } = string.Empty;

    /// <summary>Vault Enterprise / HCP namespace, sent as <c>X-Vault-Namespace</c>.</summary>
    [Description("Vault Enterprise / HCP namespace, sent as `X-Vault-Namespace` on every call")]
    public string Namespace { get; set; } = string.Empty;

    [Description("how the bot logs in to Vault")]
    public VaultAuthMethod AuthMethod { get; set; } = VaultAuthMethod.Token;

    /// <summary>Where the auth method is mounted; empty means its default (<c>approle</c>, <c>kubernetes</c>).</summary>
    [Description("where the auth method is mounted; empty: its default (`approle`, `kubernetes`)")]
    public string AuthMount { get; set; } = string.Empty;

    /// <summary>The token, for <see cref="VaultAuthMethod.Token"/>.</summary>
    [Description("the token (`Token`); it cannot come from Vault itself: set it from the environment")]
    public string Token { get; set; } = string.Empty;

    [Description("the AppRole role_id (`AppRole`)")]
    public string RoleId { get; set; } = string.Empty;

    [Description("the AppRole secret_id (`AppRole`), or use `SecretIdFile`")]
    public string SecretId { get; set; } = string.Empty;

    /// <summary>A file holding the AppRole secret_id (read at every login, so it may be rotated on disk).</summary>
    [Description("a file holding the AppRole secret_id, re-read at every login so it may be rotated on disk")]
    public string SecretIdFile { get; set; } = string.Empty;

    /// <summary>The Vault role, for <see cref="VaultAuthMethod.Kubernetes"/>.</summary>
    [Description("the Vault role (`Kubernetes`)")]
    public string Role { get; set; } = string.Empty;

    /// <summary>The pod's service-account token (read at every login: projected tokens rotate).</summary>
    [Description("the pod's service-account token (`Kubernetes`), re-read at every login")]
    public string ServiceAccountTokenFile { get; set; } = DefaultServiceAccountTokenFile;

    /// <summary>How often the listed secrets are read again; a changed value reloads the configuration.</summary>
    [Description("how often the listed secrets are read again (100 ms – 1 day); a changed value reloads the configuration; after a failure the next try is within 30 s")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    [Description("how long one Vault call may take (1 s – 5 min)")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Description("KV secrets read at start and every `RefreshInterval`, their fields mapped onto configuration keys")]
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
    [Description("`<mount>/<path>` of a KV secret, e.g. `secret/ctg-oms/prod/slack` (no `data/` for KV v2)")]
    public string Path { get; set; } = string.Empty;

    /// <summary>1 or 2; 0 asks Vault which version the mount holding <see cref="Path"/> is.</summary>
    [Description("`1`, `2`, or `0` to ask Vault (`sys/internal/ui/mounts`)")]
    public int KvVersion { get; set; }

    /// <summary>The KV mount when <see cref="KvVersion"/> is given and the mount is not the first path segment.</summary>
    [Description("the KV mount, when it is not the first segment of `Path`; empty: the first segment")]
    public string Mount { get; set; } = string.Empty;

    /// <summary>Secret field → configuration key, e.g. <c>signing_secret</c> → <c>ChatOps:Slack:SigningSecret</c>.</summary>
    [MapKey("field")]
    [Description("the configuration key a field of the secret becomes, e.g. `signing_secret` → `ChatOps:Slack:SigningSecret`")]
    public Dictionary<string, string> Map { get; set; } = new(StringComparer.Ordinal);
}
