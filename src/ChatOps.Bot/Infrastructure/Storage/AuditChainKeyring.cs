using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// Builds the chain's key ring at start. Configured keys (from Vault or the environment) win. Without them the
/// SQLite store gets a random key kept in <c>audit-chain.key</c> next to its file (mode 0600): the chain then
/// resists anyone who can edit the database but not read that file, and a warning says the key is local. An in-memory
/// store gets a key that lives as long as the process, like its chain. A key file that exists stays in the ring after
/// keys are configured, so records written with it keep verifying.
/// </summary>
public static class AuditChainKeyring
{
    public const string KeyFileName = "audit-chain.key";

    /// <summary>
    /// The ring, and the warning to log when its key is local. The warning is not logged here: the store is built
    /// before the configuration is validated, and a bad configuration must stop with its own error alone.
    /// </summary>
    public static (AuditChainKeys Keys, string? Warning) Resolve(AuditOptions audit, StoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(store);
        var keys = AuditChainKeyRules.Configured(audit).ToList();
        var keyFile = store.Provider == StoreProvider.Sqlite ? KeyFilePath(store.ConnectionString) : null;
        if (keys.Count > 0)
        {
            if (keyFile is not null && File.Exists(keyFile))
            {
                keys.Add(LocalKeyFile.Read(keyFile));
            }

            return (new AuditChainKeys(keys, audit.ActiveKeyId), null);
        }

        if (keyFile is null)
        {
            return (AuditChainKeys.Ephemeral(AuditChainKeyRules.LocalKeyId), null);
        }

        var local = LocalKeyFile.ReadOrCreate(keyFile);
        return (new AuditChainKeys([local], local.Id),
            $"The audit chain key is local ({keyFile}): anyone who can read that file can forge the chain; set ChatOps:Audit:ChainKeys from Vault");
    }

    /// <summary>The key file's path next to the SQLite file, or null for an in-memory database.</summary>
    public static string? KeyFilePath(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(file) || file == ":memory:" ||
            file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        return Path.Combine(directory ?? ".", KeyFileName);
    }
}

/// <summary>The resolved key ring and, when its key is local, the warning logged once at start.</summary>
public sealed record AuditChainKeySource(AuditChainKeys Keys, string? Warning);
