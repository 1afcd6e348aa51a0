namespace ChatOps.Bot.Features.Audit;

/// <summary>One HMAC key of the audit chain. The id is stored with each record; the secret never leaves memory.</summary>
public sealed class AuditChainKey
{
    public AuditChainKey(string id, byte[] secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinSecretBytes)
        {
            throw new ArgumentException($"chain key '{id}' is {secret.Length} bytes; at least {MinSecretBytes} are needed", nameof(secret));
        }

        Id = id;
        Secret = secret;
    }

    /// <summary>HMAC-SHA256's own block of security: a shorter key is guessable long before the hash is.</summary>
    public const int MinSecretBytes = 32;

    public string Id { get; }

    internal byte[] Secret { get; }

    /// <summary>Keeps the secret out of any log line or exception message that formats the key.</summary>
    public override string ToString() => $"chain key '{Id}'";
}

/// <summary>
/// The keys the chain knows: new records are keyed with <see cref="Active"/>; verification looks each record's key
/// up by the id stored with it, so rotating keeps old records verifiable as long as their key stays configured.
/// </summary>
public sealed class AuditChainKeys
{
    private readonly Dictionary<string, AuditChainKey> _byId;

    public AuditChainKeys(IEnumerable<AuditChainKey> keys, string activeId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _byId = new Dictionary<string, AuditChainKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!_byId.TryAdd(key.Id, key))
            {
                throw new ArgumentException($"chain key id '{key.Id}' is configured twice", nameof(keys));
            }
        }

        Active = _byId.TryGetValue(activeId, out var active)
            ? active
            : throw new ArgumentException($"the active chain key id '{activeId}' is not one of the configured keys", nameof(activeId));
    }

    public AuditChainKey Active { get; }

    public IReadOnlyCollection<string> Ids => _byId.Keys;

    public AuditChainKey? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>A key that lives as long as this process: for in-memory stores, whose chain dies with it anyway.</summary>
    public static AuditChainKeys Ephemeral(string id = "ephemeral") =>
        new([new AuditChainKey(id, System.Security.Cryptography.RandomNumberGenerator.GetBytes(MinBytes))], id);

    private const int MinBytes = AuditChainKey.MinSecretBytes;
}
