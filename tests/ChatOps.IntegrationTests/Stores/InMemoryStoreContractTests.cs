using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Tests.Fakes;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>
/// The contract against the in-memory fake every unit test drives, so the fake cannot drift from the real stores.
/// Replicas share the fake's data as two bot replicas share a database. Only the tests that rewrite rows with raw SQL
/// are skipped: the fake has no SQL to run, and its own tamper helpers would test the fake, not the contract.
/// </summary>
[Trait("Category", "Adversarial")]
public sealed class InMemoryStoreContractTests : StoreContractTests
{
    private const string NoSql = "needs raw SQL against the database; the in-memory fake has none";

    private InMemoryChatOpsStore? database;

    protected override Task CreateDatabaseAsync()
    {
        database = new InMemoryChatOpsStore();
        return Task.CompletedTask;
    }

    protected override Task DropDatabaseAsync() => Task.CompletedTask;

    /// <summary>Keyed with the keys the test holds when it opens the replica, as a real store reads them at start.</summary>
    protected override IChatOpsStore CreateStore() =>
        (database ?? throw new InvalidOperationException("CreateDatabaseAsync has not run.")).Replica(ChainKeys);

    protected override IChatOpsStore CreateUnreachableStore() => new InMemoryChatOpsStore { Available = false };

    protected override Task ExecuteSqlAsync(string sql) => throw new NotSupportedException(NoSql);

    [Fact(Skip = NoSql)]
    public override Task Verify_NamesTamperedRow_WhenContentChangedWithSql() => base.Verify_NamesTamperedRow_WhenContentChangedWithSql();

    [Theory(Skip = NoSql)]
    [InlineData("raw_text = 'x'", "req-3")]
    public override Task Verify_NamesTamperedRow_WhenAnyColumnChangedWithSql(string assignment, string requestId) =>
        base.Verify_NamesTamperedRow_WhenAnyColumnChangedWithSql(assignment, requestId);

    [Fact(Skip = NoSql)]
    public override Task Verify_DetectsTheGap_WhenARowIsDeletedWithSql() => base.Verify_DetectsTheGap_WhenARowIsDeletedWithSql();

    [Fact(Skip = NoSql)]
    public override Task AppendBatch_IsAllOrNothing() => base.AppendBatch_IsAllOrNothing();

    [Fact(Skip = NoSql)]
    public override Task Append_KeepsNoAuditRecord_WhenItsOutboxLineCannotBeWritten() =>
        base.Append_KeepsNoAuditRecord_WhenItsOutboxLineCannotBeWritten();

    [Fact(Skip = NoSql)]
    public override Task Verify_AcceptsLegacyUnkeyedRows_AtTheStartOfTheChain_AndKeysWhatFollows() =>
        base.Verify_AcceptsLegacyUnkeyedRows_AtTheStartOfTheChain_AndKeysWhatFollows();

    [Fact(Skip = NoSql)]
    public override Task Verify_Fails_WhenARowIsRewrittenAndTheChainRecomputedWithPlainSha256() =>
        base.Verify_Fails_WhenARowIsRewrittenAndTheChainRecomputedWithPlainSha256();

    [Fact(Skip = NoSql)]
    public override Task Verify_Fails_WhenARowIsRewrittenAndRehashedWithoutTheKey_UnderItsKeyId() =>
        base.Verify_Fails_WhenARowIsRewrittenAndRehashedWithoutTheKey_UnderItsKeyId();
}
