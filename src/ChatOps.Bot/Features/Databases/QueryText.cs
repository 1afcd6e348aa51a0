using System.Text.RegularExpressions;
using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// Query text as chat may show it: secrets masked first by the shared redactor (so truncation can never cut a mask
/// in half and leave a secret's tail), white space collapsed, then shortened with an ellipsis.
/// </summary>
public static partial class QueryText
{
    public const int MaxLength = 100;

    public static string ForChat(ISecretRedactor redactor, string? query, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }

        var text = Whitespace().Replace(redactor.Redact(query).Text, " ").Trim();
        return text.Length <= maxLength ? text : text[..(maxLength - 1)].TrimEnd() + "…";
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
