using System.Data.Common;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Infrastructure.Storage.Postgres;
using ChatOps.IntegrationTests.Support;
using Npgsql;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>
/// On PostgreSQL a delivery claim commits without waiting for its WAL flush (synchronous_commit off, for its own
/// transaction only), while everything else on the same pooled connection still commits synchronously. The server
/// comes from CHATOPS_TEST_POSTGRES (scripts/test.sh starts one).
/// </summary>
public sealed class PostgresClaimCommitTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static readonly AuditChainKeys Keys = new([new AuditChainKey("test", "pg-claim-commit-test-key-0123456789"u8.ToArray())], "test");

    private readonly PostgresTestDatabase database = new("chatops_claims");

    public Task InitializeAsync() => database.CreateAsync(Ct);

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task AClaim_CommitsWithoutWaitingForItsFlush_AndTheSettingEndsWithItsTransaction()
    {
        // One pooled connection that keeps its session state when returned: a setting that outlived the claim's
        // transaction would still be there for the next user of the connection.
        var settings = new NpgsqlConnectionStringBuilder(PostgresStoreConnection.For(database.ConnectionString)) { MaxPoolSize = 1, NoResetOnClose = true };
        await using var source = NpgsqlDataSource.Create(settings.ConnectionString);
        var store = new PostgresChatOpsStore(source, Keys);
        await store.MigrateAsync(Ct);
        var atCommit = new List<string>();
        store.InClaimTransaction = async (connection, transaction) => atCommit.Add(await SynchronousCommitAsync(connection, transaction));
        var now = DateTimeOffset.UtcNow;

        (await store.TryClaimAsync("k1", now, now.AddHours(1), Ct)).ShouldBeTrue();
        (await store.TryClaimAsync("k1", now, now.AddHours(1), Ct)).ShouldBeFalse("the second delivery reads the first one's claim");
        atCommit.ShouldBe(["off", "off"], "each claim commits without waiting for its flush");

        await store.AppendAsync(
            new AuditRecord("r-pg-claim", now, "slack", "U1", "alice", "C1", "help", "help", null, AuditDecision.Allowed, null,
                AuditOutcome.Succeeded, null, 1, "c-pg-claim"), [], Ct);
        await using var reused = await source.OpenConnectionAsync(Ct);
        (await SynchronousCommitAsync(reused, null)).ShouldBe("on", "the claim's setting ended with its transaction");
    }

    private static async Task<string> SynchronousCommitAsync(DbConnection connection, DbTransaction? transaction)
    {
        await using var show = connection.CreateCommand();
        show.Transaction = transaction;
        show.CommandText = "SHOW synchronous_commit";
        return (string)(await show.ExecuteScalarAsync(Ct))!;
    }
}
