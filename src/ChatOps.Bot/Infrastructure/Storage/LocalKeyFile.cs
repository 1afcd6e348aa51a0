using System.Security.Cryptography;
using ChatOps.Bot.Features.Audit;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>The chain key kept next to the SQLite store: base64 of random bytes, readable by its owner only.</summary>
internal static class LocalKeyFile
{
    private const int KeyBytes = 32;

    public static AuditChainKey ReadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);

            // Written whole under a temporary name, then moved into place: a second process never reads half a key.
            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(new FileStream(temporary, options)))
            {
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)));
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process on the same data folder created it first: use theirs, so both write one chain.
                File.Delete(temporary);
            }
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
