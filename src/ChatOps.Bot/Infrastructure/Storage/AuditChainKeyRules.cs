namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// What makes <see cref="AuditOptions.ChainKeys"/> usable, and the key ring built from them. Errors name the key by
/// its id and configuration path, never by its secret.
/// </summary>
internal static class AuditChainKeyRules
{
    /// <summary>The id of the key file kept next to the SQLite store when no key is configured.</summary>
    public const string LocalKeyId = "local";

    public static void Check(OptionsErrors e, AuditOptions options, StoreProvider provider)
    {
        const string s = AuditOptions.SectionName;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ChainKeys.Count; i++)
        {
            var key = options.ChainKeys[i];
            var path = $"{s}:ChainKeys:{i}";
            e.Check(IsId(key.Id), $"{path}:Id", $"'{key.Id}' must be 1-64 letters, digits, '-', '_' or '.'");
            e.Check(key.Id != LocalKeyId, $"{path}:Id", $"'{LocalKeyId}' is reserved for the key file next to the SQLite store");
            e.Check(ids.Add(key.Id), $"{path}:Id", $"'{key.Id}' is used by two chain keys");
            e.Check(
                Encoding.UTF8.GetByteCount(key.Secret) >= AuditChainKey.MinSecretBytes,
                $"{path}:Secret",
                $"the secret of chain key '{key.Id}' must be at least {AuditChainKey.MinSecretBytes} bytes");
        }

        if (options.ChainKeys.Count > 0)
        {
            e.Check(ids.Contains(options.ActiveKeyId), $"{s}:ActiveKeyId", $"'{options.ActiveKeyId}' must be the id of one of {s}:ChainKeys");
        }
        else
        {
            e.Check(options.ActiveKeyId.Length == 0, $"{s}:ActiveKeyId", $"'{options.ActiveKeyId}' names a key but {s}:ChainKeys is empty");
            e.Check(
                provider != StoreProvider.Postgres,
                $"{s}:ChainKeys",
                "must be set with the Postgres store: replicas share one chain and must share its key");
        }
    }

    /// <summary>The configured keys, or none; <paramref name="extra"/> (the local key file) joins them for verification.</summary>
    public static IEnumerable<AuditChainKey> Configured(AuditOptions options) =>
        options.ChainKeys.Select(k => new AuditChainKey(k.Id, Encoding.UTF8.GetBytes(k.Secret)));

    private static bool IsId(string id) =>
        id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
