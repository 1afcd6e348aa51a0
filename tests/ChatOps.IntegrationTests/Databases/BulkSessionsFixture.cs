using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Databases;

/// <summary>
/// Bulk kills refuse thresholds below 30 s, and PostgreSQL's clock cannot be faked, so the sessions the bulk tests
/// signal are opened once, here, and the fixture waits (bounded) until pg_stat_activity shows them 31 s old. Each
/// scenario has its own database, so one test's bulk kill never sees another's sessions.
/// </summary>
public sealed class BulkSessionsFixture : IAsyncLifetime
{
    public static readonly TimeSpan Age = TimeSpan.FromSeconds(31);

    private readonly PostgresTestDatabase[] _databases =
        new[] { "dev", "prod", "reuse", "idle" }.Select(n => new PostgresTestDatabase($"chatops_bulk_{n}")).ToArray();

    public PgSessions Pg { get; private set; } = null!;

    public DatabaseBot Bot { get; private set; } = null!;

    public string Dev => _databases[0].Name;

    public string Prod => _databases[1].Name;

    public string Reuse => _databases[2].Name;

    public string IdleDb => _databases[3].Name;

    public TestSession DevLong1 { get; private set; } = null!;

    public TestSession DevLong2 { get; private set; } = null!;

    public TestSession DevProtected { get; private set; } = null!;

    public TestSession ProdLong1 { get; private set; } = null!;

    public TestSession ProdLong2 { get; private set; } = null!;

    public TestSession ReuseLong { get; private set; } = null!;

    public TestSession Idle { get; private set; } = null!;

    public TestSession IdleInTransaction { get; private set; } = null!;

    public TestSession IdleDbActive { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        foreach (var database in _databases)
        {
            await database.CreateAsync(CancellationToken.None);
        }

        Pg = await PgSessions.CreateAsync();
        Bot = new DatabaseBot(new Dictionary<string, (string, bool, string[])>
        {
            ["bulkdev"] = (PgSessions.ConnectionString(Dev, Pg.Bot, pooling: true), false, [Pg.Replicator]),
            ["bulkprod"] = (PgSessions.ConnectionString(Prod, Pg.Bot, pooling: true), true, []),
            ["bulkreuse"] = (PgSessions.ConnectionString(Reuse, Pg.Bot, pooling: true), false, []),
            ["bulkidle"] = (PgSessions.ConnectionString(IdleDb, Pg.Bot, pooling: true), false, []),
        });
        await Bot.StartAsync();

        DevLong1 = await Pg.RunningAsync(Dev, Pg.App);
        DevLong2 = await Pg.RunningAsync(Dev, Pg.App);
        DevProtected = await Pg.RunningAsync(Dev, Pg.Replicator);
        ProdLong1 = await Pg.RunningAsync(Prod, Pg.App);
        ProdLong2 = await Pg.RunningAsync(Prod, Pg.App);
        ReuseLong = await Pg.RunningAsync(Reuse, Pg.App);
        Idle = await Pg.IdleAsync(IdleDb, Pg.App);
        IdleInTransaction = await Pg.IdleInTransactionAsync(IdleDb, Pg.App);
        IdleDbActive = await Pg.RunningAsync(IdleDb, Pg.App);

        // The last session opened is the youngest; idle ones stopped changing state before it started.
        await PgSessions.WaitForAsync(IdleDbActive.Pid, a => a?.Running >= Age, TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        // The databases first: dropping them WITH (FORCE) ends every session, so the roles can always be dropped.
        await Bot.DisposeAsync();
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        await Pg.DisposeAsync();
    }
}
