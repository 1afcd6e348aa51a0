namespace ChatOps.Bot.Infrastructure.Vault;

/// <summary>
/// The listed KV secrets' fields as configuration keys. The first load reads Vault and fails the start when it
/// cannot; <see cref="RefreshAsync"/> reads again and fires the reload token only when a value changed, so every
/// <c>IOptionsMonitor</c> sees a rotated secret. A failed refresh leaves the last values in place.
/// </summary>
public sealed class VaultConfigurationProvider(VaultOptions options, IVaultSecretReader reader) : ConfigurationProvider
{
    private bool _loaded;
    private IDictionary<string, string?>? _previous;
    private IDictionary<string, string?>? _rejected;

    public override void Load()
    {
        // A later IConfigurationRoot.Reload() must not block on the network or throw: the refresh loop re-reads.
        if (_loaded)
        {
            return;
        }

        Data = ReadAllAsync(CancellationToken.None).GetAwaiter().GetResult();
        _loaded = true;
    }

    /// <summary>Reads every secret again; returns the configuration keys whose values changed (never the values).</summary>
    public async Task<IReadOnlyList<string>> RefreshAsync(CancellationToken cancellationToken)
    {
        var fresh = await ReadAllAsync(cancellationToken);
        if (_rejected is { } rejected && Changed(rejected, fresh).Count == 0)
        {
            // Still the values that failed validation: applying them again would break their consumers again.
            return [];
        }

        var current = Data;
        var changed = Changed(current, fresh);
        if (changed.Count > 0)
        {
            _rejected = null;
            _previous = current;
            Data = fresh;
            OnReload();
        }

        return changed;
    }

    /// <summary>
    /// Puts back the values from before the last change (they failed validation) and reloads again; the refused
    /// values are remembered and not applied again until Vault holds different ones.
    /// </summary>
    public void Revert()
    {
        if (_previous is { } previous)
        {
            _rejected = Data;
            Data = previous;
            _previous = null;
            OnReload();
        }
    }

    private static List<string> Changed(IDictionary<string, string?> before, Dictionary<string, string?> after) =>
        after.Where(kv => !before.TryGetValue(kv.Key, out var old) || old != kv.Value).Select(kv => kv.Key).ToList();

    private async Task<Dictionary<string, string?>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var secret in options.Secrets)
        {
            var fields = await reader.ReadAsync(secret, cancellationToken);
            foreach (var (field, key) in secret.Map)
            {
                if (!fields.TryGetValue(field, out var value))
                {
                    throw new VaultException(
                        $"{secret.Path} has no field '{field}' (mapped to {key}); its fields: {string.Join(", ", fields.Keys.Order(StringComparer.Ordinal))}",
                        secret.Path,
                        null);
                }

                data[key] = value;
            }
        }

        return data;
    }
}

public sealed class VaultConfigurationSource(VaultConfigurationProvider provider) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => provider;
}
