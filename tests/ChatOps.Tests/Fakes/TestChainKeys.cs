using System.Text;
using ChatOps.Bot.Features.Audit;

namespace ChatOps.Tests.Fakes;

/// <summary>Fixed chain keys for tests, so a golden vector can be computed outside .NET.</summary>
public static class TestChainKeys
{
    public const string OldSecret = "test-chain-key-2025-0123456789abcdef";

    public const string NewSecret = "test-chain-key-2026-0123456789abcdef";

    public static AuditChainKey Old { get; } = new("2025", Encoding.UTF8.GetBytes(OldSecret));

    public static AuditChainKey New { get; } = new("2026", Encoding.UTF8.GetBytes(NewSecret));

    public static AuditChainKeys Default { get; } = new([Old], Old.Id);
}
