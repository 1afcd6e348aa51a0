using System.Security.Cryptography;

namespace ChatOps.Bot.Features.Approvals;

/// <summary>
/// What an approval binds: the canonical command, and when policy rules asked for the approval, those rules
/// (<c>&lt;command hash&gt;+&lt;policy hash&gt;</c>). Without policy rules the hash is the command's alone, as before.
/// </summary>
public static class ApprovalHash
{
    public static string Of(string canonicalCommand) => Hex(canonicalCommand);

    public static string Of(string canonicalCommand, string? policyBinding) =>
        string.IsNullOrEmpty(policyBinding) ? Of(canonicalCommand) : $"{Of(canonicalCommand)}+{Hex(policyBinding)[..16]}";

    /// <summary>Whether <paramref name="requestHash"/> was made for this command, whatever policy it bound.</summary>
    public static bool IsFor(string requestHash, string canonicalCommand) =>
        string.Equals(requestHash.Split('+', 2)[0], Of(canonicalCommand), StringComparison.Ordinal);

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
