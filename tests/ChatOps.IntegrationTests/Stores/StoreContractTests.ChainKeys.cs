using System.Text;
using ChatOps.Bot.Features.Audit;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>The keyed chain (issue 20 item 7): key ids stored per row, rotation, unknown keys, legacy rows, forgeries.</summary>
public abstract partial class StoreContractTests
{
    private static readonly Dictionary<string, AuditChainKey> Keys = new()
    {
        ["2025"] = new("2025", Encoding.UTF8.GetBytes("contract-chain-key-2025-0123456789abcdef")),
        ["2026"] = new("2026", Encoding.UTF8.GetBytes("contract-chain-key-2026-0123456789abcdef")),
    };

    /// <summary>The keys stores opened from now on get; the first id is the active one.</summary>
    protected AuditChainKeys ChainKeys { get; set; } = KeysOf("2025");

    public static AuditChainKeys KeysOf(params string[] ids) => new(ids.Select(id => Keys[id]), ids[0]);

    [Fact]
    public async Task Append_StoresTheActiveKeyId_AndKeysTheHash_AndReadsBackHeadAndEntry()
    {
        var entries = await AppendManyAsync(3);

        entries.Select(e => e.KeyId).ShouldBe(["2025", "2025", "2025"]);
        entries[1].Hash.ShouldBe(AuditChain.Hash(entries[0].Hash, 2, entries[1].Record, Keys["2025"]));
        entries[1].Hash.ShouldNotBe(AuditChain.Hash(entries[0].Hash, 2, entries[1].Record), "the unkeyed hash is anyone's to compute");
        (await Store.HeadAsync(Ct)).ShouldBe(entries[2]);
        (await Store.EntryAsync(2, Ct)).ShouldBe(entries[1]);
        (await Store.EntryAsync(4, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task HeadAsync_IsNull_ForAnEmptyChain() => (await Store.HeadAsync(Ct)).ShouldBeNull();

    [Fact]
    public async Task Verify_KeepsOldRecordsValid_AfterTheActiveKeyRotates()
    {
        await AppendManyAsync(2);
        ChainKeys = KeysOf("2026", "2025");
        var rotated = OpenStore();
        await rotated.AppendAsync(Record("after-1"), [], Ct);
        await rotated.AppendAsync(Record("after-2"), [], Ct);

        var result = await rotated.VerifyAsync(Ct);

        result.IsIntact.ShouldBeTrue(result.ToString());
        result.VerifiedCount.ShouldBe(4);
        (await rotated.EntryAsync(2, Ct))!.KeyId.ShouldBe("2025");
        (await rotated.EntryAsync(3, Ct))!.KeyId.ShouldBe("2026");
    }

    [Fact]
    public async Task Verify_NamesTheKeyId_WhenARecordsKeyIsNoLongerConfigured()
    {
        await AppendManyAsync(2);
        ChainKeys = KeysOf("2026");

        var result = await OpenStore().VerifyAsync(Ct);

        result.BrokenSequence.ShouldBe(1);
        result.Reason.ShouldBe("it was written with chain key '2025', which is not configured");
    }

    [Fact]
    public virtual async Task Verify_AcceptsLegacyUnkeyedRows_AtTheStartOfTheChain_AndKeysWhatFollows()
    {
        // The rows a store held before the key_id column existed: NULL key id, plain SHA-256 links.
        var entries = await AppendManyAsync(3);
        await DowngradeToLegacyAsync(entries, from: 1);
        await AppendManyAsync(2, "new");

        var result = await Store.VerifyAsync(Ct);

        result.IsIntact.ShouldBeTrue(result.ToString());
        result.VerifiedCount.ShouldBe(5);
        result.UnkeyedCount.ShouldBe(3);
        result.ToString().ShouldContain("3 legacy records at the start carry no chain key");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public virtual async Task Verify_Fails_WhenARowIsRewrittenAndTheChainRecomputedWithPlainSha256()
    {
        var entries = await AppendManyAsync(5);
        entries[2] = entries[2] with { Record = entries[2].Record with { RawText = "nothing to see" } };
        await ExecuteSqlAsync("UPDATE audit_entries SET raw_text = 'nothing to see' WHERE seq = 3");
        await DowngradeToLegacyAsync(entries, from: 3);

        var result = await Store.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.BrokenSequence.ShouldBe(3);
        result.Reason.ShouldBe("it has no chain key but follows keyed records: it was rewritten");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public virtual async Task Verify_Fails_WhenARowIsRewrittenAndRehashedWithoutTheKey_UnderItsKeyId()
    {
        var entries = await AppendManyAsync(3);
        var forged = entries[1].Record with { UserName = "mallory" };
        await ExecuteSqlAsync($"UPDATE audit_entries SET user_name = 'mallory', hash = '{AuditChain.Hash(entries[0].Hash, 2, forged)}' WHERE seq = 2");

        var result = await Store.VerifyAsync(Ct);

        result.BrokenSequence.ShouldBe(2);
        result.Reason.ShouldBe("its content does not match its hash");
    }

    /// <summary>Rewrites rows <paramref name="from"/>.. as unkeyed SHA-256 links, as a forger (or the pre-key schema) would.</summary>
    private async Task DowngradeToLegacyAsync(List<AuditEntry> entries, long from)
    {
        var previous = from == 1 ? AuditChain.Genesis : entries[(int)from - 2].Hash;
        foreach (var e in entries.Where(e => e.Sequence >= from))
        {
            var hash = AuditChain.Hash(previous, e.Sequence, e.Record);
            await ExecuteSqlAsync($"UPDATE audit_entries SET key_id = NULL, prev_hash = '{previous}', hash = '{hash}' WHERE seq = {e.Sequence}");
            previous = hash;
        }
    }
}
