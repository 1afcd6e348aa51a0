using ChatOps.Bot.Features.Audit;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Audit;

public sealed class AuditChainTests
{
    private static readonly AuditRecord Record = new(
        "r-abc123", AuditChain.FromUnixMicroseconds(1795435200123456), "slack", "U024BE7LH", "alice", "C0OPS",
        "scale deployment/web --replicas=0 -n shop", "scale web 0 --namespace=shop", "prod-eks/shop",
        AuditDecision.Allowed, "slack:U0BOB", AuditOutcome.Succeeded, null, 42, "r-abc123");

    /// <summary>
    /// Pinned against an independent implementation (Python's json + hashlib): changing the canonical form would
    /// make every existing audit chain fail to verify, so it must never change by accident. This is the legacy,
    /// unkeyed rule that rows written before chain keys still verify by.
    /// </summary>
    [Fact]
    public void Hash_IsStable_AndMatchesAnIndependentImplementation()
    {
        AuditChain.Canonical(3, Record).ShouldBe(
            """{"seq":3,"id":"r-abc123","at":1795435200123456,"platform":"slack","user":"U024BE7LH","userName":"alice","channel":"C0OPS","raw":"scale deployment/web --replicas=0 -n shop","parsed":"scale web 0 --namespace=shop","target":"prod-eks/shop","decision":"Allowed","approver":"slack:U0BOB","outcome":"Succeeded","error":null,"durationMs":42,"correlation":"r-abc123"}""");
        AuditChain.Hash(new string('a', 64), 3, Record).ShouldBe("ce53175f74f717beaf371b78292d131c02eb93d22dbee86c7e96a213f40cf4e2");
    }

    /// <summary>
    /// The keyed rule, pinned the same way: <c>hmac.new(b"test-chain-key-2025-0123456789abcdef", ("a" * 64 + "\n" +
    /// canonical).encode(), hashlib.sha256).hexdigest()</c> in Python.
    /// </summary>
    [Fact]
    public void KeyedHash_IsHmacSha256OfTheSameBytes_AndMatchesAnIndependentImplementation()
    {
        TestChainKeys.OldSecret.ShouldBe("test-chain-key-2025-0123456789abcdef");
        AuditChain.Hash(new string('a', 64), 3, Record, TestChainKeys.Old).ShouldBe("f92a075a1845785e80811ba5a40ad88506c4fbdbccee3d6333b77279f65ea647");
        AuditChain.Hash(new string('a', 64), 3, Record, null).ShouldBe(AuditChain.Hash(new string('a', 64), 3, Record));
    }

    /// <summary>
    /// The break-glass marker is hashed only when set: a record without it has the pinned canonical form above, so
    /// chains written before the marker existed still verify; a record with it cannot lose or change it unnoticed.
    /// </summary>
    [Fact]
    public void BreakGlass_IsHashedOnlyWhenSet()
    {
        var marked = Record with { BreakGlass = "e-k3x9m2p7qa" };

        AuditChain.Canonical(3, Record).ShouldNotContain("breakGlass");
        AuditChain.Canonical(3, marked).ShouldEndWith(""","correlation":"r-abc123","breakGlass":"e-k3x9m2p7qa"}""");
        AuditChain.Hash(AuditChain.Genesis, 1, marked).ShouldNotBe(AuditChain.Hash(AuditChain.Genesis, 1, Record));
        AuditChain.Hash(AuditChain.Genesis, 1, marked).ShouldNotBe(AuditChain.Hash(AuditChain.Genesis, 1, marked with { BreakGlass = "e-other" }));
    }

    [Fact]
    public void Hash_ChangesWithAnyField_AndWithThePreviousHash()
    {
        var baseline = AuditChain.Hash(AuditChain.Genesis, 1, Record);

        AuditChain.Hash(AuditChain.Genesis, 2, Record).ShouldNotBe(baseline);
        AuditChain.Hash(new string('1', 64), 1, Record).ShouldNotBe(baseline);
        AuditChain.Hash(AuditChain.Genesis, 1, Record with { Error = "" }).ShouldNotBe(baseline, "null and empty differ");
        AuditChain.Hash(AuditChain.Genesis, 1, Record with { Outcome = AuditOutcome.Failed }).ShouldNotBe(baseline);
        AuditChain.Hash(AuditChain.Genesis, 1, Record with { RawText = Record.RawText + " " }).ShouldNotBe(baseline);
    }

    [Fact]
    public void Normalize_DropsSubMicrosecondTicks_SoStoredRecordsHashTheSame()
    {
        var at = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero).AddTicks(12_345_678);

        AuditChain.Normalize(at).Ticks.ShouldBe(at.Ticks - 8);
        AuditChain.FromUnixMicroseconds(AuditChain.ToUnixMicroseconds(at)).ShouldBe(AuditChain.Normalize(at));
    }

    [Fact]
    public void Verify_ReportsGapsRelinksAndEdits()
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var seq = 1L; seq <= 4; seq++)
        {
            var record = Record with { RequestId = $"r-{seq}" };
            var hash = AuditChain.Hash(previous, seq, record);
            entries.Add(new AuditEntry(seq, record, previous, hash));
            previous = hash;
        }

        AuditChain.Verify(entries, TestChainKeys.Default).IsIntact.ShouldBeTrue();
        AuditChain.Verify(entries.Where(e => e.Sequence != 2), TestChainKeys.Default).ShouldSatisfyAllConditions(
            v => v.BrokenSequence.ShouldBe(3), v => v.Reason.ShouldBe("sequence 3 follows 1: record(s) missing"));
        AuditChain.Verify(entries.Select(e => e.Sequence == 3 ? e with { PreviousHash = AuditChain.Genesis } : e), TestChainKeys.Default)
            .Reason.ShouldBe("its previous-hash does not match the record before it");
        AuditChain.Verify(entries.Select(e => e.Sequence == 4 ? e with { Record = e.Record with { UserName = "mallory" } } : e), TestChainKeys.Default)
            .ShouldSatisfyAllConditions(v => v.BrokenSequence.ShouldBe(4), v => v.BrokenRequestId.ShouldBe("r-4"));
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public void Verify_ListsEveryBreak_AndKeepsVerifyingAfterOne()
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var seq = 1L; seq <= 30; seq++)
        {
            var record = Record with { RequestId = $"r-{seq}" };
            var hash = AuditChain.Hash(previous, seq, record, TestChainKeys.Default.Active);
            entries.Add(new AuditEntry(seq, record, previous, hash) { KeyId = TestChainKeys.Default.Active.Id });
            previous = hash;
        }

        var twoEdits = AuditChain.Verify(entries.Select(e => e.Sequence is 3 or 7 ? e with { Record = e.Record with { UserName = "mallory" } } : e), TestChainKeys.Default);
        twoEdits.IsIntact.ShouldBeFalse();
        twoEdits.BreakCount.ShouldBe(2, "the first break does not hide the second, nor cascade into the records after it");
        twoEdits.Breaks.Select(b => b.Sequence).ShouldBe([3L, 7L]);
        twoEdits.Walked.ShouldBe(30);
        twoEdits.ToString().ShouldBe(
            "audit chain BROKEN at record #3 (request r-3): its content does not match its hash; 2 records before it verified\n" +
            "2 broken records among 30:\n#3 (request r-3): its content does not match its hash\n#7 (request r-7): its content does not match its hash");

        var many = AuditChain.Verify(entries.Select(e => e.Sequence % 2 == 0 ? e with { Record = e.Record with { Error = "x" } } : e), TestChainKeys.Default);
        many.BreakCount.ShouldBe(15);
        many.Breaks.Count.ShouldBe(AuditVerification.ListedBreaks > 15 ? 15 : AuditVerification.ListedBreaks);
        var lines = AuditChain.Verify(entries.Select(e => e with { Record = e.Record with { Error = "x" } }), TestChainKeys.Default).ToString().Split('\n');
        lines.Length.ShouldBe(2 + AuditVerification.ListedBreaks + 1);
        lines[^1].ShouldBe($"and {30 - AuditVerification.ListedBreaks} more");
    }
}
