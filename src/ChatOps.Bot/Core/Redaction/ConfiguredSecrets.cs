using System.Data.Common;

namespace ChatOps.Bot.Core.Redaction;

/// <summary>
/// The bot's own secret values, read from its configuration by key name, so a query or log line that happens to
/// quote the Slack signing secret, a bot token, a database password or the Vault token is masked even when it has
/// no recognisable shape. Names, not a list of options classes: a secret added to the options later is covered too.
/// </summary>
public static class ConfiguredSecrets
{
    /// <summary>Shorter values are too likely to be ordinary words or numbers to mask wherever they appear.</summary>
    public const int MinimumLength = 6;

    private static readonly string[] SecretSuffixes = ["secret", "token", "password", "apikey", "secretid", "accesskey"];

    public static IReadOnlyList<string> From(IConfiguration configuration)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (IsSecretName(key[(key.LastIndexOf(':') + 1)..]))
            {
                values.Add(value);
            }
            else if (key.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) && PasswordOf(value) is { } password)
            {
                values.Add(password);
            }
        }

        return values.Where(v => v.Length >= MinimumLength).OrderByDescending(v => v.Length).ToList();
    }

    /// <summary>Whether a key's last part names a secret; the configuration reference marks the same keys.</summary>
    public static bool IsSecretName(string name) =>
        SecretSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    private static string? PasswordOf(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return builder.TryGetValue("password", out var p) || builder.TryGetValue("pwd", out p) ? p as string : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
