using ChatOps.Bot.Configuration;
using ChatOps.Bot.Operations.Audit;
using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Hosting;

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

    public static AuditChainKeys Resolve(AuditOptions audit, StoreOptions store, ILogger logger)
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

            return new AuditChainKeys(keys, audit.ActiveKeyId);
        }

        if (keyFile is null)
        {
            logger.LogWarning("The audit chain key is ephemeral (in-memory store); set ChatOps:Audit:ChainKeys for a durable store");
            return AuditChainKeys.Ephemeral(AuditChainKeyRules.LocalKeyId);
        }

        var local = LocalKeyFile.ReadOrCreate(keyFile);
        logger.LogWarning(
            "The audit chain key is local ({KeyFile}): anyone who can read that file can forge the chain; set ChatOps:Audit:ChainKeys from Vault",
            keyFile);
        return new AuditChainKeys([local], local.Id);
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
