using System.Text.RegularExpressions;

namespace ChatOps.Bot.Core.Redaction;

/// <summary>
/// The built-in secret shapes. Each keeps the part that says what the secret is (the key name, "Bearer", the URL's
/// user) and masks only the value, so a reader still knows what was there. Every pattern has a match timeout: a text
/// crafted to make one backtrack is masked whole instead of stalling the bot.
/// </summary>
internal static partial class SecretPatterns
{
    public const int TimeoutMilliseconds = 250;

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>A PEM private key block, or its start when the text was cut before the END line.</summary>
    [GeneratedRegex(@"-----BEGIN[A-Z ]*PRIVATE KEY-----.*?(?:-----END[A-Z ]*PRIVATE KEY-----|\z)",
        Options | RegexOptions.Singleline, TimeoutMilliseconds)]
    public static partial Regex PemPrivateKey();

    /// <summary><c>scheme://user:password@host</c>: the user stays, the password goes.</summary>
    [GeneratedRegex(@"(?<keep>\b[a-z][a-z0-9+.\-]{1,20}://[^:/?#@\s'""]{1,200}:)[^@/?#\s'""]{1,500}(?=@)", Options, TimeoutMilliseconds)]
    public static partial Regex UrlPassword();

    /// <summary>An HTTP credential: <c>Bearer …</c>, or <c>Basic …</c> in base64 (so "basic information_schema" stays).</summary>
    [GeneratedRegex(
        @"(?<keep>\bbearer\s+)(?!\*\*\*)[A-Za-z0-9\-._~+/]{8,}=*|(?<keep>\bbasic\s+)[A-Za-z0-9+/]{8,}={0,2}(?![A-Za-z0-9_\-.])",
        Options, TimeoutMilliseconds)]
    public static partial Regex HttpCredential();

    /// <summary>A JSON Web Token: three base64url parts, the first a JSON header.</summary>
    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*", Options, TimeoutMilliseconds)]
    public static partial Regex Jwt();

    /// <summary>Vendor tokens with a recognisable prefix: Slack, Vault, GitHub, AWS access key ids.</summary>
    [GeneratedRegex(
        @"\b(?:xox[abposr]-[A-Za-z0-9\-]{6,}|xapp-[A-Za-z0-9\-]{6,}|hv[sbr]\.[A-Za-z0-9_\-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|(?-i:(?:AKIA|ASIA)[A-Z0-9]{16}))\b",
        Options, TimeoutMilliseconds)]
    public static partial Regex VendorToken();

    /// <summary>SQL's <c>PASSWORD 'secret'</c> (ALTER ROLE, CREATE USER MAPPING): literal, E'..' or dollar-quoted; cut literals to the end.</summary>
    [GeneratedRegex(
        @"(?<keep>\b(?:password|passwd)\s+)(?:e?'(?:[^'\\]|''|\\.)*(?:'|\z)|\$(?<tag>[A-Za-z_]*)\$.*?(?:\$\k<tag>\$|\z))",
        Options | RegexOptions.Singleline, TimeoutMilliseconds)]
    public static partial Regex SqlPasswordLiteral();

    /// <summary>
    /// <c>key=value</c>, <c>key: value</c>, <c>"key": "value"</c> and <c>key = 'value'</c> for secret-ish keys, with any
    /// prefix (<c>db_password</c>, <c>aws_secret_access_key</c>, <c>X-Api-Key</c>). Quoted values are masked to their
    /// closing quote (or the end of a cut text); bare values to the next separator.
    /// </summary>
    [GeneratedRegex(
        @"(?<keep>(?<![A-Za-z0-9])(?:[A-Za-z0-9]{1,30}[_\-.]){0,4}(?:password|passwd|pwd|secret|token|api[_\-]?key|apikey|access[_\-]?key|private[_\-]?key|client[_\-]?secret|credentials?)[""']?\s*[=:]\s*)(?!\*\*\*)(?:'(?:[^']|'')*(?:'|\z)|""(?:[^""\\]|\\.)*(?:""|\z)|[^\s;,')""&}\]]+)",
        Options, TimeoutMilliseconds)]
    public static partial Regex KeyValue();
}
