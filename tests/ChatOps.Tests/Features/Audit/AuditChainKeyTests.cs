using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Audit;

/// <summary>The keyed chain's per-record check: rotation, unknown key ids, legacy rows and downgrade forgeries.</summary>
public sealed class AuditChainKeyTests
{
    private static readonly AuditRecord Record = new(
        "r-1", AuditChain.FromUnixMicroseconds(1795435200123456), "slack", "U1", "alice", "C1", "scale web 0", "scale web 0",
        "prod-eks/shop", AuditDecision.Allowed, null, AuditOutcome.Succeeded, null, 42, "r-1");

    /// <summary>A chain written with <paramref name="keys"/>, one key per record (null = legacy unkeyed).</summary>
    private static List<AuditEntry> Chain(params AuditChainKey?[] keys)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 0; i < keys.Length; i++)
        {
            var seq = i + 1L;
            var record = Record with { RequestId = $"r-{seq}" };
            var hash = AuditChain.Hash(previous, seq, record, keys[i]);
            entries.Add(new AuditEntry(seq, record, previous, hash) { KeyId = keys[i]?.Id });
            previous = hash;
        }

        return entries;
    }

    [Fact]
    public void Verify_AcceptsEachRecordUnderItsOwnKey_AfterRotation()
    {
        var chain = Chain(TestChainKeys.Old, TestChainKeys.Old, TestChainKeys.New);

        var result = AuditChain.Verify(chain, new AuditChainKeys([TestChainKeys.New, TestChainKeys.Old], "2026"));

        result.IsIntact.ShouldBeTrue(result.ToString());
        result.VerifiedCount.ShouldBe(3);
        result.UnkeyedCount.ShouldBe(0);
    }

    [Fact]
    public void Verify_NamesTheKeyId_WhenItIsNotConfigured()
    {
        var chain = Chain(TestChainKeys.Old, TestChainKeys.New);

        var result = AuditChain.Verify(chain, TestChainKeys.Default);

        result.BrokenSequence.ShouldBe(2);
        result.Reason.ShouldBe("it was written with chain key '2026', which is not configured");
        result.ToString().ShouldNotContain(TestChainKeys.NewSecret);
    }

    [Fact]
    public void Verify_AcceptsLegacyRecordsBeforeTheFirstKeyedOne_AndCountsThem()
    {
        var result = AuditChain.Verify(Chain(null, null, TestChainKeys.Old), TestChainKeys.Default);

        result.IsIntact.ShouldBeTrue(result.ToString());
        result.UnkeyedCount.ShouldBe(2);
        result.ToString().ShouldEndWith("(2 legacy records at the start carry no chain key)");
    }

    [Fact]
    public void Verify_Fails_WhenTheKeyIsWrongForTheRecordsKeyId()
    {
        var forged = Chain(TestChainKeys.Old).Select(e => e with { KeyId = "2026" });

        AuditChain.Verify(forged, new AuditChainKeys([TestChainKeys.New], "2026")).Reason.ShouldBe("its content does not match its hash");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public void Verify_Fails_WhenAnUnkeyedRecordFollowsAKeyedOne()
    {
        var result = AuditChain.Verify(Chain(TestChainKeys.Old, null, null), TestChainKeys.Default);

        result.BrokenSequence.ShouldBe(2);
        result.Reason.ShouldBe("it has no chain key but follows keyed records: it was rewritten");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task AuditVerify_Fails_WhenARecordIsRewrittenAndTheChainRecomputedWithPlainSha256()
    {
        await using var bot = TestBot.Create();
        for (var i = 1; i <= 3; i++)
        {
            await bot.RunAsync("alice", $"test-scale web {i}");
        }

        bot.Store.RewriteAndRecompute(3, r => r with { RawText = "test-scale web 99" });
        var result = await bot.RunAsync("alice", "audit verify");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldContain("BROKEN at record #3");
        result.Text.ShouldContain("it has no chain key but follows keyed records");
    }

    [Fact]
    public void ChainKey_RefusesShortSecrets_AndNeverFormatsTheSecret()
    {
        Should.Throw<ArgumentException>(() => new AuditChainKey("k", new byte[31])).Message.ShouldContain("at least 32");
        TestChainKeys.Old.ToString().ShouldBe("chain key '2025'");
        Should.Throw<ArgumentException>(() => new AuditChainKeys([TestChainKeys.Old], "2027")).Message.ShouldContain("'2027'");
        Should.Throw<ArgumentException>(() => new AuditChainKeys([TestChainKeys.Old, TestChainKeys.Old], "2025"));
    }
}
