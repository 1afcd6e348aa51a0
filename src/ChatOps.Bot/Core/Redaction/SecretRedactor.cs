using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace ChatOps.Bot.Core.Redaction;

/// <summary>
/// <see cref="ISecretRedactor"/>: the bot's own configured secret values first (exact), then the built-in shapes,
/// then the configured patterns. Both sets are re-read when the configuration reloads.
/// </summary>
public sealed class SecretRedactor : ISecretRedactor, IDisposable
{
    /// <summary>Shown instead of a text that a pattern could not finish scanning in time: fail closed.</summary>
    public const string Unscannable = "*** (not shown: the text could not be checked for secrets in time)";

    private static readonly Regex[] BuiltIn =
    [
        SecretPatterns.PemPrivateKey(),
        SecretPatterns.UrlPassword(),
        SecretPatterns.HttpCredential(),
        SecretPatterns.Jwt(),
        SecretPatterns.VendorToken(),
        SecretPatterns.SqlPasswordLiteral(),
        SecretPatterns.KeyValue(),
    ];

    private readonly IDisposable? _configurationChange;
    private readonly IDisposable? _optionsChange;
    private volatile IReadOnlyList<string> _known = [];
    private volatile IReadOnlyList<Regex> _extra = [];

    public SecretRedactor(IConfiguration configuration, IOptionsMonitor<RedactionOptions> options)
    {
        Load(configuration);
        Load(options.CurrentValue);
        _configurationChange = ChangeToken.OnChange(configuration.GetReloadToken, () => Load(configuration));
        _optionsChange = options.OnChange(Load);
    }

    public Redacted Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new Redacted(string.Empty, 0);
        }

        var count = 0;
        foreach (var secret in _known)
        {
            var at = text.IndexOf(secret, StringComparison.Ordinal);
            while (at >= 0)
            {
                text = string.Concat(text.AsSpan(0, at), Redacted.Mask, text.AsSpan(at + secret.Length));
                count++;
                at = text.IndexOf(secret, at + Redacted.Mask.Length, StringComparison.Ordinal);
            }
        }

        try
        {
            foreach (var pattern in BuiltIn.Concat(_extra))
            {
                text = pattern.Replace(text, m =>
                {
                    count++;
                    return Masked(m);
                });
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return new Redacted(Unscannable, count + 1);
        }

        return new Redacted(text, count);
    }

    /// <summary>The match with its <c>secret</c> group (or everything but its <c>keep</c> group) replaced.</summary>
    private static string Masked(Match m)
    {
        if (m.Groups["secret"] is { Success: true } secret)
        {
            return string.Concat(m.Value.AsSpan(0, secret.Index - m.Index), Redacted.Mask, m.Value.AsSpan(secret.Index - m.Index + secret.Length));
        }

        return m.Groups["keep"] is { Success: true } keep ? keep.Value + Redacted.Mask : Redacted.Mask;
    }

    private void Load(IConfiguration configuration) => _known = ConfiguredSecrets.From(configuration);

    private void Load(RedactionOptions options)
    {
        var compiled = new List<Regex>();
        foreach (var pattern in options.Patterns)
        {
            try
            {
                compiled.Add(RedactionOptions.Compile(pattern));
            }
            catch (ArgumentException)
            {
                // The validator refuses it at start; a bad reload keeps every valid pattern rather than none.
            }
        }

        _extra = compiled;
    }

    public void Dispose()
    {
        _configurationChange?.Dispose();
        _optionsChange?.Dispose();
    }
}
