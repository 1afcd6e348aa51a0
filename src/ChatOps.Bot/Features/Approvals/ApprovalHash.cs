using System.Security.Cryptography;

namespace ChatOps.Bot.Features.Approvals;

public static class ApprovalHash
{
    public static string Of(string canonicalCommand) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalCommand)));
}
