using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Infrastructure.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>The contract against a SQLite file in a fresh temp folder per test.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "chatops-sqlite-" + Guid.NewGuid().ToString("N"));

    /// <summary>In a folder that does not exist yet, because the store creates it.</summary>
    private string DatabasePath => Path.Combine(directory, "data", "chatops.db");

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    protected override IChatOpsStore CreateStore() => new SqliteChatOpsStore($"Data Source={DatabasePath}", ChainKeys);

    /// <summary>A folder is not a database file: SQLite cannot open it, whoever runs the test.</summary>
    protected override IChatOpsStore CreateUnreachableStore()
    {
        Directory.CreateDirectory(directory);
        return new SqliteChatOpsStore($"Data Source={directory}", ChainKeys);
    }

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public async Task Migrate_CreatesTheFileAndItsFolder_InWalMode()
    {
        File.Exists(DatabasePath).ShouldBeTrue();
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        (await command.ExecuteScalarAsync(Ct)).ShouldBe("wal");
    }

    [Fact]
    public async Task Append_ThrowsAuditStoreUnavailable_WhenTheFolderCannotBeCreated()
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "not-a-folder");
        await File.WriteAllTextAsync(file, "x", Ct);
        using var store = new SqliteChatOpsStore($"Data Source={Path.Combine(file, "chatops.db")}", ChainKeys);

        await Should.ThrowAsync<AuditStoreUnavailableException>(() => store.AppendAsync(Record("r1"), [], Ct));
    }

    /// <summary>
    /// The group commit keeps one writer connection. A batch that fails must not leave it holding its write
    /// transaction: another connection (another process on the file) can write at once, and the next batch continues
    /// the chain where the last committed one ended.
    /// </summary>
    [Fact]
    public async Task AFailedBatch_LeavesTheFileWritable_AndTheNextBatchContinuesTheChain()
    {
        (await Store.AppendAsync(Record("r1"), [], Ct)).Sequence.ShouldBe(1);
        await ExecuteSqlAsync(
            "CREATE TRIGGER refuse_boom BEFORE INSERT ON audit_entries WHEN NEW.raw_text = 'boom' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;");

        await Should.ThrowAsync<AuditStoreUnavailableException>(() => Store.AppendBatchAsync(
            [new AuditAppend(Record("r2"), [new OutboxMessage("slack:C-AUDIT", "r2")]), new AuditAppend(Record("r3", rawText: "boom"), [])], Ct));

        await ExecuteSqlAsync("DROP TRIGGER refuse_boom;");
        (await Store.AppendAsync(Record("r4"), [new OutboxMessage("slack:C-AUDIT", "r4")], Ct)).Sequence.ShouldBe(2, "nothing of the failed batch was kept");
        var verified = await Store.VerifyAsync(Ct);
        verified.IsIntact.ShouldBeTrue();
        verified.VerifiedCount.ShouldBe(2);
    }

    /// <summary>
    /// Claims run on the same kept writer connection as the audit batches. A claim that fails must drop it like a failed
    /// batch, and the kept connection must see what other connections (another replica on the file) committed since,
    /// or two replicas could both win one delivery.
    /// </summary>
    [Fact]
    public async Task Claims_OnTheKeptConnection_SeeOtherWriters_AndAFailedClaimLeavesTheFileWritable()
    {
        (await Store.TryClaimAsync("slack:cmd:1", T0, T0.AddHours(1), Ct)).ShouldBeTrue();
        using (var other = (SqliteChatOpsStore)CreateStore())
        {
            (await other.TryClaimAsync("slack:cmd:2", T0, T0.AddHours(1), Ct)).ShouldBeTrue();
        }

        (await Store.TryClaimAsync("slack:cmd:2", T0, T0.AddHours(1), Ct)).ShouldBeFalse("the other store's claim was committed first");

        await ExecuteSqlAsync(
            "CREATE TRIGGER refuse_boom BEFORE INSERT ON idempotency_keys WHEN NEW.key = 'boom' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;");
        await Should.ThrowAsync<AuditStoreUnavailableException>(() => Store.TryClaimAsync("boom", T0, T0.AddHours(1), Ct));
        await ExecuteSqlAsync("DROP TRIGGER refuse_boom;");

        (await Store.TryClaimAsync("boom", T0, T0.AddHours(1), Ct)).ShouldBeTrue("nothing of the failed claim was kept");
        (await Store.AppendAsync(Record("r1"), [], Ct)).Sequence.ShouldBe(1);
    }
}
