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
}
