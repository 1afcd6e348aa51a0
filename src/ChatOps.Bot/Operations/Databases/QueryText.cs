using System.Text.RegularExpressions;

namespace ChatOps.Bot.Operations.Databases;

/// <summary>
/// Query text as chat may show it: secrets masked first (so truncation can never cut a mask in half and leave a
/// secret's tail), white space collapsed, then shortened with an ellipsis.
/// </summary>
public static partial class QueryText
{
    public const int MaxLength = 100;

    private const string Mask = "***";

    public static string ForChat(string? query, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }

        var text = Whitespace().Replace(MaskSecrets(query), " ").Trim();
        return text.Length <= maxLength ? text : text[..(maxLength - 1)].TrimEnd() + "…";
    }

    public static string MaskSecrets(string query)
    {
        // ALTER ROLE x [ENCRYPTED] PASSWORD 'secret', CREATE USER MAPPING ... OPTIONS (password 'secret').
        var text = PasswordLiteral().Replace(query, m => $"{m.Groups["kw"].Value}{m.Groups["sep"].Value}'{Mask}'");

        // Connection strings and key=value settings: password=secret, pwd='secret', "password": "secret".
        text = KeyValueSecret().Replace(text, m => $"{m.Groups["kw"].Value}{m.Groups["sep"].Value}{Mask}");
        return text;
    }

    // A literal: E'..', '..' with '' or \' inside, a dollar-quoted $tag$..$tag$; unterminated literals (the server
    // truncates long queries) are masked to the end.
    [GeneratedRegex(
        @"(?<kw>\b(?:password|passwd)\b)(?<sep>\s+)(?:[eE]?'(?:[^'\\]|''|\\.)*(?:'|$)|\$(?<tag>[A-Za-z_]*)\$.*?(?:\$\k<tag>\$|$))",
        RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PasswordLiteral();

    [GeneratedRegex(
        @"(?<kw>\b(?:password|passwd|pwd|secret|api_?key|access_?key|token)""?)(?<sep>\s*[=:]\s*)(?:'(?:[^']|'')*(?:'|$)|""[^""]*(?:""|$)|[^\s;,')""]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KeyValueSecret();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
