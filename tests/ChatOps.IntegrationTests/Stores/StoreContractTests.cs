using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Infrastructure.Storage;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>
/// What every <see cref="IChatOpsStore"/> must do, run against each implementation on a fresh database per test.
/// Where a test needs "another replica" it opens a second store instance on the same database.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<IChatOpsStore> opened = [];
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromMinutes(2));
    private IChatOpsStore? store;

    /// <summary>The store under test, migrated.</summary>
    protected IChatOpsStore Store => store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected CancellationToken Ct => timeout.Token;

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        store = OpenStore();
        await store.MigrateAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        foreach (var s in opened)
        {
            switch (s)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        await DropDatabaseAsync();
        timeout.Dispose();
    }

    /// <summary>Creates the empty database this test uses.</summary>
    protected abstract Task CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    /// <summary>A new store instance (a "replica") on this test's database.</summary>
    protected abstract IChatOpsStore CreateStore();

    /// <summary>A store pointed somewhere no database can be reached.</summary>
    protected abstract IChatOpsStore CreateUnreachableStore();

    /// <summary>The secret in the unreachable store's connection string, which no error message may repeat.</summary>
    protected virtual string? UnreachableSecret => null;

    /// <summary>Runs raw SQL against this test's database, as an attacker with database access would.</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    protected IChatOpsStore OpenStore()
    {
        var s = CreateStore();
        opened.Add(s);
        return s;
    }

    protected static AuditRecord Record(
        string requestId,
        DateTimeOffset? at = null,
        string user = "U1",
        AuditOutcome outcome = AuditOutcome.Succeeded,
        string rawText = "!pods list") =>
        new(
            RequestId: requestId,
            At: at ?? T0,
            Platform: "slack",
            UserId: user,
            UserName: "alice",
            ChannelId: "C1",
            RawText: rawText,
            ParsedRequest: "pods list",
            Target: null,
            Decision: AuditDecision.Allowed,
            Approver: null,
            Outcome: outcome,
            Error: null,
            DurationMs: 12,
            CorrelationId: "corr-" + requestId);

    protected async Task<List<AuditEntry>> AppendManyAsync(int count, string prefix = "req")
    {
        var entries = new List<AuditEntry>();
        for (var i = 1; i <= count; i++)
        {
            entries.Add(await Store.AppendAsync(Record($"{prefix}-{i}", T0.AddMinutes(i)), [], Ct));
        }

        return entries;
    }

    [Fact]
    public async Task Append_ChainsTheFirstEntryFromGenesis_AndEachNextFromItsPredecessor()
    {
        var first = await Store.AppendAsync(Record("r1"), [], Ct);
        var second = await Store.AppendAsync(Record("r2"), [], Ct);

        first.Sequence.ShouldBe(1);
        first.PreviousHash.ShouldBe(AuditChain.Genesis);
        first.Hash.ShouldBe(AuditChain.Hash(AuditChain.Genesis, 1, first.Record, ChainKeys.Active));
        second.Sequence.ShouldBe(2);
        second.PreviousHash.ShouldBe(first.Hash);
    }

    /// <summary>
    /// A store may reuse one prepared insert and its parameters for every record: a record without a target, approver,
    /// error or break-glass mark must not inherit them from the record before it, in one batch or the next.
    /// </summary>
    [Fact]
    public async Task Append_StoresEachRecordsOwnNulls_AfterARecordThatHadValues()
    {
        var full = Record("r1") with { Target = "prod/api", Approver = "bob", Error = "boom", BreakGlass = "elevated admin" };
        await Store.AppendBatchAsync([new AuditAppend(full, [new OutboxMessage("slack:C-AUDIT", "r1")]), new AuditAppend(Record("r2"), [])], Ct);
        await Store.AppendAsync(full with { RequestId = "r3", CorrelationId = "corr-r3" }, [], Ct);
        await Store.AppendAsync(Record("r4"), [], Ct);

        var read = (await Store.QueryAsync(new AuditQuery(), Ct)).ToDictionary(r => r.RequestId);
        foreach (var id in new[] { "r2", "r4" })
        {
            read[id].ShouldBe(Record(id) with { At = AuditChain.Normalize(T0) }, id);
        }

        (await Store.VerifyAsync(Ct)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task Query_ReturnsEveryFieldAsAppended_WithTimeNormalizedToMicroseconds()
    {
        var record = new AuditRecord(
            RequestId: "req-full",
            At: new DateTimeOffset(2025, 3, 1, 14, 30, 15, TimeSpan.FromHours(2)).AddTicks(1_234_567),
            Platform: "teams",
            UserId: "29:abc",
            UserName: "Zoë O'Brien",
            ChannelId: "19:chan",
            RawText: "!deploy rollback api --to 41 \"quoted\" ünïcode",
            ParsedRequest: "deploy rollback api --to 41",
            Target: "prod/api",
            Decision: AuditDecision.AwaitingApproval,
            Approver: "bob",
            Outcome: AuditOutcome.Failed,
            Error: "timeout after 30s",
            DurationMs: 30_001,
            CorrelationId: "corr-full");

        var entry = await Store.AppendAsync(record, [], Ct);
        var read = (await Store.QueryAsync(new AuditQuery(), Ct)).ShouldHaveSingleItem();

        var expected = record with { At = AuditChain.Normalize(record.At) };
        read.ShouldBe(expected);
        read.At.ShouldBe(new DateTimeOffset(2025, 3, 1, 12, 30, 15, TimeSpan.Zero).AddTicks(1_234_560));
        entry.Record.ShouldBe(expected);
        entry.Hash.ShouldBe(AuditChain.Hash(AuditChain.Genesis, 1, record, ChainKeys.Active), "sub-microsecond ticks must not change the hash");
    }

    [Fact]
    public async Task Query_ReturnsTheNewestStateOfEachRequest_WhenStartedThenSucceeded()
    {
        await Store.AppendAsync(Record("a", T0, outcome: AuditOutcome.Started), [], Ct);
        await Store.AppendAsync(Record("b", T0.AddSeconds(1), outcome: AuditOutcome.Started), [], Ct);
        await Store.AppendAsync(Record("a", T0.AddSeconds(2), outcome: AuditOutcome.Succeeded), [], Ct);

        var records = await Store.QueryAsync(new AuditQuery(), Ct);

        records.Select(r => (r.RequestId, r.Outcome)).ShouldBe([("a", AuditOutcome.Succeeded), ("b", AuditOutcome.Started)]);
    }

    [Fact]
    public async Task Query_ReturnsAtMostLast_NewestFirst()
    {
        await AppendManyAsync(5);

        var records = await Store.QueryAsync(new AuditQuery(Last: 3), Ct);

        records.Select(r => r.RequestId).ShouldBe(["req-5", "req-4", "req-3"]);
    }

    [Fact]
    public async Task Query_ReturnsOnlyThatUsersRequests_WhenFilteredByUser()
    {
        await Store.AppendAsync(Record("a1", user: "alice"), [], Ct);
        await Store.AppendAsync(Record("b1", user: "bob"), [], Ct);
        await Store.AppendAsync(Record("a2", user: "alice"), [], Ct);

        var records = await Store.QueryAsync(new AuditQuery(UserId: "alice"), Ct);

        records.Select(r => r.RequestId).ShouldBe(["a2", "a1"]);
    }

    [Fact]
    public async Task Query_ReturnsOnlyRequestsAtOrAfterSince_WhenFilteredBySince()
    {
        await AppendManyAsync(4);

        var records = await Store.QueryAsync(new AuditQuery(Since: T0.AddMinutes(3)), Ct);

        records.Select(r => r.RequestId).ShouldBe(["req-4", "req-3"]);
    }

    [Fact]
    public async Task Query_CombinesUserAndSinceFilters()
    {
        await Store.AppendAsync(Record("old", T0, user: "alice"), [], Ct);
        await Store.AppendAsync(Record("other", T0.AddHours(2), user: "bob"), [], Ct);
        await Store.AppendAsync(Record("new", T0.AddHours(2), user: "alice"), [], Ct);

        var records = await Store.QueryAsync(new AuditQuery(UserId: "alice", Since: T0.AddHours(1)), Ct);

        records.ShouldHaveSingleItem().RequestId.ShouldBe("new");
    }

    [Fact]
    public async Task Verify_IsIntact_ForAnEmptyLog()
    {
        var result = await Store.VerifyAsync(Ct);

        result.IsIntact.ShouldBeTrue();
        result.VerifiedCount.ShouldBe(0);
    }

    [Fact]
    public async Task Verify_IsIntact_AndReportsTheHead_ForAnAppendedChain()
    {
        var entries = await AppendManyAsync(10);

        var result = await Store.VerifyAsync(Ct);

        result.IsIntact.ShouldBeTrue(result.ToString());
        result.VerifiedCount.ShouldBe(10);
        result.HeadHash.ShouldBe(entries[^1].Hash);
    }

    [Fact]
    public virtual async Task Verify_NamesTamperedRow_WhenContentChangedWithSql()
    {
        await AppendManyAsync(5);
        await ExecuteSqlAsync("UPDATE audit_entries SET raw_text = 'x' WHERE seq = 3");

        var result = await Store.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.BrokenSequence.ShouldBe(3);
        result.BrokenRequestId.ShouldBe("req-3");
        result.VerifiedCount.ShouldBe(2);
        result.ToString().ShouldContain("#3");
    }

    [Theory]
    [InlineData("request_id = 'forged'", "forged")]
    [InlineData("at = at + 1", "req-3")]
    [InlineData("platform = 'teams'", "req-3")]
    [InlineData("user_id = 'mallory'", "req-3")]
    [InlineData("user_name = 'mallory'", "req-3")]
    [InlineData("channel_id = 'C9'", "req-3")]
    [InlineData("parsed_request = 'pods delete'", "req-3")]
    [InlineData("target = 'prod/db'", "req-3")]
    [InlineData("decision = 'Denied'", "req-3")]
    [InlineData("decision = '0'", "req-3")]
    [InlineData("decision = 'allowed'", "req-3")]
    [InlineData("approver = 'mallory'", "req-3")]
    [InlineData("outcome = 'Failed'", "req-3")]
    [InlineData("error = 'boom'", "req-3")]
    [InlineData("duration_ms = 1", "req-3")]
    [InlineData("correlation_id = 'c'", "req-3")]
    [InlineData("prev_hash = hash", "req-3")]
    [InlineData("hash = prev_hash", "req-3")]
    public virtual async Task Verify_NamesTamperedRow_WhenAnyColumnChangedWithSql(string assignment, string requestId)
    {
        await AppendManyAsync(5);
        await ExecuteSqlAsync($"UPDATE audit_entries SET {assignment} WHERE seq = 3");

        var result = await Store.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.BrokenSequence.ShouldBe(3);
        result.BrokenRequestId.ShouldBe(requestId);
    }

    [Fact]
    public virtual async Task Verify_DetectsTheGap_WhenARowIsDeletedWithSql()
    {
        await AppendManyAsync(5);
        await ExecuteSqlAsync("DELETE FROM audit_entries WHERE seq = 3");

        var result = await Store.VerifyAsync(Ct);

        result.IsIntact.ShouldBeFalse();
        result.BrokenSequence.ShouldBe(4);
        result.BrokenRequestId.ShouldBe("req-4");
        result.Reason.ShouldNotBeNull().ShouldContain("missing");
    }

    [Fact]
    public async Task Append_KeepsOneUnbrokenChain_WhenEightTasksOnTwoReplicasAppendConcurrently()
    {
        var replica = OpenStore();
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            var target = t % 2 == 0 ? Store : replica;
            start.Wait(Ct);
            var sequences = new List<long>();
            for (var i = 0; i < 50; i++)
            {
                var entry = await target.AppendAsync(Record($"t{t}-{i}"), [new OutboxMessage("log", $"t{t}-{i}")], Ct);
                sequences.Add(entry.Sequence);
            }

            return sequences;
        })).ToList();
        start.Set();
        var sequences = (await Task.WhenAll(tasks)).SelectMany(s => s).Order().ToList();

        sequences.ShouldBe(Enumerable.Range(1, 400).Select(i => (long)i));
        var result = await Store.VerifyAsync(Ct);
        result.IsIntact.ShouldBeTrue(result.ToString());
        result.VerifiedCount.ShouldBe(400);
        (await Store.CountBacklogAsync(Ct)).ShouldBe(400);
    }

    [Fact]
    public async Task AppendAndPing_ThrowAuditStoreUnavailable_WhenTheStoreCannotBeReached()
    {
        var unreachable = CreateUnreachableStore();
        opened.Add(unreachable);

        var append = await Should.ThrowAsync<AuditStoreUnavailableException>(() => unreachable.AppendAsync(Record("r1"), [], Ct));
        var ping = await Should.ThrowAsync<AuditStoreUnavailableException>(() => unreachable.PingAsync(Ct));

        foreach (var message in new[] { append.Message, ping.Message })
        {
            message.Length.ShouldBeLessThan(300);
            message.ShouldNotContain("Password", Case.Insensitive);
            message.ShouldNotContain("Data Source", Case.Insensitive);
            if (UnreachableSecret is { } secret)
            {
                message.ShouldNotContain(secret);
            }
        }
    }

    [Fact]
    public async Task Ping_Succeeds_WhenTheStoreIsReachable()
    {
        await Should.NotThrowAsync(() => Store.PingAsync(Ct));
    }

    [Fact]
    public async Task Migrate_IsIdempotent_WhenRunAgainAndConcurrentlyFromReplicas()
    {
        await Store.AppendAsync(Record("before"), [], Ct);

        await Store.MigrateAsync(Ct);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenStore().MigrateAsync(Ct)));

        await Store.AppendAsync(Record("after"), [], Ct);
        (await Store.VerifyAsync(Ct)).VerifiedCount.ShouldBe(2);
    }
}
