using ChatOps.Bot.Core;
using ChatOps.Bot.Core.Text;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Pipeline;
using ChatOps.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOps.IntegrationTests.Pipeline;

/// <summary>Hostile text and refused records on both real stores: the chain stays verifiable and nothing wedges.</summary>
public sealed class AuditInputStoreTests
{
    private const string Unavailable = AuditBehavior<IOperation, OperationResult>.Unavailable;

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task Postgres_NulInACommandFromAnyone_DoesNotWedgeLaterMutatingCommands()
    {
        await using var database = new PostgresTestDatabase("chatops_nul");
        await database.CreateAsync(CancellationToken.None);
        await using var bot = await RealStoreBot.StartAsync("Postgres", database.ConnectionString);

        await bot.RunAsync("mallory", "whoami a\0b");
        var approve = await bot.RunAsync("alice", "approve r-abc123");
        var health = await new StoreHealthCheck(bot.Store, bot.Get<PendingAuditRecords>()).CheckHealthAsync(new HealthCheckContext());

        approve.Text.ShouldNotBe(Unavailable);
        bot.Get<PendingAuditRecords>().Held.ShouldBe(0);
        health.Status.ShouldBe(HealthStatus.Healthy);
        var records = await bot.Store.QueryAsync(new AuditQuery(10), CancellationToken.None);
        records[^1].RawText.ShouldBe("whoami a\\u0000b");
        (await bot.Store.VerifyAsync(CancellationToken.None)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task Sqlite_LongCommandWithNul_KeepsTheChainVerifiable()
    {
        using var dir = new TempDirectory();
        await using var bot = await RealStoreBot.StartAsync("Sqlite", $"Data Source={Path.Combine(dir.Path, "chatops.db")}");
        var padding = new string('a', 600);

        await bot.RunAsync("mallory", $"whoami {padding}\0tail");
        var verify = await bot.Store.VerifyAsync(CancellationToken.None);

        verify.IsIntact.ShouldBeTrue(verify.ToString());
        (await bot.Store.QueryAsync(new AuditQuery(1), CancellationToken.None))[0].RawText.ShouldBe($"whoami {padding}\\u0000tail");
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task Postgres_RecordTheStoreRefuses_IsSetAsideAsPoison_AndTheNextCommandsRun()
    {
        await using var database = new PostgresTestDatabase("chatops_poison");
        await database.CreateAsync(CancellationToken.None);
        await using var bot = await RealStoreBot.StartAsync("Postgres", database.ConnectionString);
        // A data error from the real server for one record: what 22021 was for NUL, for a character we still allow.
        await database.ExecuteAsync(
            """
            CREATE FUNCTION refuse_oe() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF position('ø' in NEW.raw_text) > 0 THEN RAISE EXCEPTION 'value refused' USING ERRCODE = '22023'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_oe BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION refuse_oe();
            """, CancellationToken.None);

        var refused = await bot.RunAsync("alice", "deny r-abc123 pøison");
        var next = await bot.RunAsync("alice", "approve r-abc123");

        refused.Text.ShouldBe(AuditBehavior<IOperation, OperationResult>.Refused);
        next.Text.ShouldNotBe(Unavailable);
        next.Text.ShouldNotBe(AuditBehavior<IOperation, OperationResult>.Refused);
        var records = await bot.Store.QueryAsync(new AuditQuery(10), CancellationToken.None);
        var marker = records.Single(r => r.RawText == "deny r-abc123 p\\u00f8ison");
        marker.Outcome.ShouldBe(AuditOutcome.NotRun);
        marker.Error.ShouldNotBeNull().ShouldStartWith("poison record set aside: PostgreSQL audit store refused the record: 22023");
        bot.Get<PendingAuditRecords>().Held.ShouldBe(0);
        (await bot.Store.VerifyAsync(CancellationToken.None)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task Postgres_Readiness_IsUnhealthyWhileAppendsFail_ThoughPingsAnswer()
    {
        await using var database = new PostgresTestDatabase("chatops_ready");
        await database.CreateAsync(CancellationToken.None);
        await using var bot = await RealStoreBot.StartAsync("Postgres", database.ConnectionString);
        var check = new StoreHealthCheck(bot.Store, bot.Get<PendingAuditRecords>());
        await database.ExecuteAsync(
            """
            CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = '53100'; END $$;
            CREATE TRIGGER disk_full BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION disk_full();
            """, CancellationToken.None);

        var approve = await bot.RunAsync("alice", "approve r-abc123");
        var failing = await check.CheckHealthAsync(new HealthCheckContext());
        await database.ExecuteAsync("DROP TRIGGER disk_full ON audit_entries", CancellationToken.None);
        (await bot.Get<PendingAuditRecords>().FlushAsync(CancellationToken.None)).ShouldBeTrue();
        var recovered = await check.CheckHealthAsync(new HealthCheckContext());

        approve.Text.ShouldBe(Unavailable);
        failing.Status.ShouldBe(HealthStatus.Unhealthy);
        recovered.Status.ShouldBe(HealthStatus.Healthy);
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("Sqlite")]
    public async Task StoredRecord_IsExactlyWhatWasHashed_ForAnyText(string provider)
    {
        using var dir = new TempDirectory();
        await using var database = provider == "Postgres" ? new PostgresTestDatabase("chatops_roundtrip") : null;
        if (database is not null)
        {
            await database.CreateAsync(CancellationToken.None);
        }

        var connectionString = database?.ConnectionString ?? $"Data Source={Path.Combine(dir.Path, "chatops.db")}";

        await using var bot = await RealStoreBot.StartAsync(provider, connectionString);
        var hostile = "a\0b\u0001\u007f\u0085\u202E\u2066\ud800x\udc00\U0001F600cafe\u0301\u200F\t\r\n\"'\\" + new string('z', 10_000) + "\0end";
        var record = new AuditRecord(
            "r-1", AuditChain.Normalize(DateTimeOffset.UtcNow), "slack", hostile, hostile, hostile, hostile, hostile, hostile,
            AuditDecision.Pending, hostile, AuditOutcome.Started, hostile, 1, "c-1");

        var entry = await bot.Store.AppendAsync(record, [new OutboxMessage("log", hostile)], CancellationToken.None);
        var stored = (await bot.Store.QueryAsync(new AuditQuery(1), CancellationToken.None))[0];

        stored.ShouldBe(entry.Record, "what the store gives back is what it hashed");
        stored.ShouldBe(AuditRecordText.Safe(record));
        entry.KeyId.ShouldBe("test");
        var key = new AuditChainKey("test", System.Text.Encoding.UTF8.GetBytes("integration-chain-key-0123456789abcdef"));
        AuditChain.Hash(AuditChain.Genesis, 1, stored, key).ShouldBe(entry.Hash, "the key RealStoreBot configures");
        (await bot.Store.VerifyAsync(CancellationToken.None)).IsIntact.ShouldBeTrue();
        SqliteConnection.ClearAllPools();
    }
}
