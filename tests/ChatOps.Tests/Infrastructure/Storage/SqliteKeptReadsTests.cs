using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Infrastructure.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOps.Tests.Infrastructure.Storage;

public sealed class SqliteKeptReadsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chatops-kept-reads-").FullName;
    private int _opened;

    private string ConnectionString => $"Data Source={Path.Combine(_dir, "t.db")};Pooling=False";

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SqliteKeptReads Reads() => new(async ct =>
    {
        Interlocked.Increment(ref _opened);
        var c = new SqliteConnection(ConnectionString);
        await c.OpenAsync(ct);
        return c;
    });

    private static Task<long> Scalar(SqliteKeptReads reads, long value) =>
        reads.ReadAsync("SELECT @v + 1", c => c.Set("@v", value), async c => (long)(await c.ExecuteScalarAsync())!, CancellationToken.None);

    [Fact]
    public async Task OneCallerAfterAnother_ShareOneConnection_AndEachGetsItsOwnParameter()
    {
        using var reads = Reads();

        for (var i = 0; i < 20; i++)
        {
            (await Scalar(reads, i)).ShouldBe(i + 1);
        }

        _opened.ShouldBe(1);
        reads.Idle.ShouldBe(1);
    }

    [Fact]
    public async Task ManyAtOnce_EachGetTheirOwnConnectionAndAnswer_ButNoMoreThanMaxIdleStayOpen()
    {
        using var reads = Reads();
        var allInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inside = 0;
        const int Readers = 64;

        var answers = await Task.WhenAll(Enumerable.Range(0, Readers).Select(i =>
            reads.ReadAsync("SELECT @v * 2", c => c.Set("@v", i), async c =>
            {
                // Every reader holds its connection until all are inside: 64 at once, none handed back early.
                if (Interlocked.Increment(ref inside) == Readers)
                {
                    allInside.SetResult();
                }

                await allInside.Task;
                return (long)(await c.ExecuteScalarAsync())!;
            }, CancellationToken.None)));

        answers.ShouldBe(Enumerable.Range(0, Readers).Select(i => i * 2L));
        _opened.ShouldBe(Readers);
        reads.Idle.ShouldBe(SqliteKeptReads.MaxIdle);
    }

    [Fact]
    public async Task AFailedRead_DropsItsConnection_AndTheNextReadOpensAnother()
    {
        using var reads = Reads();
        (await Scalar(reads, 1)).ShouldBe(2);

        await Should.ThrowAsync<SqliteException>(() =>
            reads.ReadAsync<long>("SELECT nope FROM nowhere", _ => { }, async c => (long)(await c.ExecuteScalarAsync())!, CancellationToken.None));

        reads.Idle.ShouldBe(0);
        (await Scalar(reads, 2)).ShouldBe(3);
        _opened.ShouldBe(2);
    }

    [Fact]
    public async Task AfterDispose_AReadStillWorks_ButItsConnectionIsNotKept()
    {
        var reads = Reads();
        (await Scalar(reads, 1)).ShouldBe(2);
        reads.Dispose();

        (await Scalar(reads, 5)).ShouldBe(6);

        reads.Idle.ShouldBe(0);
    }

    /// <summary>
    /// A native read that stops after its first row leaves the statement reset: the next read starts from the first row
    /// again, bound afresh, instead of going on where the last one stopped (and no read of the file is left open).
    /// </summary>
    [Fact]
    public async Task NativeRead_StoppedEarly_LeavesTheStatementReset_ForTheNextRead()
    {
        using var reads = Reads();
        const string Sql = "WITH RECURSIVE n(i) AS (SELECT @from UNION ALL SELECT i + 1 FROM n WHERE i < @from + 4) SELECT i FROM n";

        for (var from = 10L; from < 13; from++)
        {
            (await reads.ReadNativeAsync(Sql, from, static (statement, start) =>
            {
                statement.Set("@from", start);
                return statement.Step() ? statement.Int64(0) : -1;
            }, CancellationToken.None)).ShouldBe(from);
        }

        _opened.ShouldBe(1);
        reads.Idle.ShouldBe(1);
    }

    [Fact]
    public async Task NativeRead_ThatFails_DropsItsConnection_AndTheNextReadOpensAfresh()
    {
        using var reads = Reads();

        await Should.ThrowAsync<SqliteException>(() => reads.ReadNativeAsync("SELECT * FROM no_such_table", 0, static (statement, _) => statement.Step(), CancellationToken.None).AsTask());
        reads.Idle.ShouldBe(0);

        (await reads.ReadNativeAsync("SELECT 41 + 1", 0, static (statement, _) => statement.Step() ? statement.Int64(0) : -1, CancellationToken.None)).ShouldBe(42);
        _opened.ShouldBe(2);
    }
}
