using System.Security.Cryptography;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>The chain key kept next to the SQLite store: base64 of random bytes, readable by its owner only.</summary>
internal static class LocalKeyFile
{
    private const int KeyBytes = 32;

    public static AuditChainKey ReadOrCreate(string path)
    {
        // Another process on the same data folder may create it first: then theirs is read, so both write one chain.
        if (!File.Exists(path))
        {
            OwnerOnlyFile.Write(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)), overwrite: false);
        }

        return Read(path);
    }

    public static AuditChainKey Read(string path)
    {
        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The audit chain key file {path} is not base64; restore it from a backup.");
        }

        return secret.Length >= AuditChainKey.MinSecretBytes
            ? new AuditChainKey(AuditChainKeyRules.LocalKeyId, secret)
            : throw new InvalidOperationException($"The audit chain key file {path} holds {secret.Length} bytes; at least {AuditChainKey.MinSecretBytes} are needed.");
    }
}
