using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Infrastructure.Storage;
using Microsoft.Data.Sqlite;

namespace ChatOps.Tests.Infrastructure.Storage;

/// <summary>
/// Issue 19: the delivery claims that queue while a transaction commits share the next one, in the order they came;
/// a claim is either committed and answered or cancelled and never committed; a failed transaction reaches each of its
/// callers.
/// </summary>
public sealed class ClaimGroupCommitTests
{
    [Fact]
    public async Task ClaimsQueuedDuringACommit_ShareTheNextTransaction_InTheOrderTheyCame()
    {
        var store = new GatedCommits();
        using var claims = new ClaimGroupCommit(store.CommitAsync);
        var first = claims.ClaimAsync(Claim("k0"), prune: false, CancellationToken.None);
        await store.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        var queued = Enumerable.Range(1, 5).Select(i => claims.ClaimAsync(Claim($"k{i}"), prune: i == 3, CancellationToken.None)).ToList();
        store.Open();

        (await first).ShouldBe(new IdempotencyClaim(true, "owner-k0"));
        (await Task.WhenAll(queued)).Select(c => c.Owner).ShouldBe(["owner-k1", "owner-k2", "owner-k3", "owner-k4", "owner-k5"]);
        store.Batches.ShouldBe([["k0"], ["k1", "k2", "k3", "k4", "k5"]]);
        store.Pruned.ShouldBe(["k3"], "each claim keeps its own prune");
    }

    [Fact]
    public async Task AClaimCancelledBeforeItsTransaction_IsNeverCommitted()
    {
        var store = new GatedCommits();
        using var claims = new ClaimGroupCommit(store.CommitAsync);
        var first = claims.ClaimAsync(Claim("k0"), prune: false, CancellationToken.None);
        await store.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        using var gaveUp = new CancellationTokenSource();
        var cancelled = claims.ClaimAsync(Claim("gone"), prune: false, gaveUp.Token);
        var kept = claims.ClaimAsync(Claim("k1"), prune: false, CancellationToken.None);

        await gaveUp.CancelAsync();
        store.Open();

        await Should.ThrowAsync<OperationCanceledException>(() => cancelled);
        await first;
        await kept;
        store.Batches.SelectMany(b => b).ShouldNotContain("gone");
    }

    [Fact]
    public async Task AClaimCancelledDuringItsTransaction_GetsItsResult()
    {
        var store = new GatedCommits();
        using var claims = new ClaimGroupCommit(store.CommitAsync);
        using var gaveUp = new CancellationTokenSource();
        var claim = claims.ClaimAsync(Claim("k0"), prune: false, gaveUp.Token);
        await store.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        await gaveUp.CancelAsync();
        store.Open();

        (await claim).ShouldBe(new IdempotencyClaim(true, "owner-k0"), "the claim is committed, so its caller must know it ran");
    }

    [Fact]
    public async Task AFailedTransaction_ReachesEachOfItsCallers()
    {
        var store = new GatedCommits { Failure = _ => new AuditStoreUnavailableException("SQLite audit store unavailable (claim key): disk I/O error") };
        using var claims = new ClaimGroupCommit(store.CommitAsync);
        var first = claims.ClaimAsync(Claim("k0"), prune: false, CancellationToken.None);
        await store.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = Enumerable.Range(1, 3).Select(i => claims.ClaimAsync(Claim($"k{i}"), prune: false, CancellationToken.None)).ToList();
        store.Open();

        foreach (var claim in queued.Prepend(first))
        {
            await Should.ThrowAsync<AuditStoreUnavailableException>(() => claim);
        }

        store.Batches.Count.ShouldBe(2, "a store that is down is not retried claim by claim");
    }

    [Fact]
    public async Task AKeyTheStoreRefusesAsData_FailsOnlyItsOwnCaller()
    {
        var store = new GatedCommits
        {
            Failure = batch => batch.Contains("too-big") ? new SqliteException("string or blob too big", 18) : null,
        };
        using var claims = new ClaimGroupCommit(store.CommitAsync);
        var first = claims.ClaimAsync(Claim("k0"), prune: false, CancellationToken.None);
        await store.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var before = claims.ClaimAsync(Claim("k1"), prune: false, CancellationToken.None);
        var refused = claims.ClaimAsync(Claim("too-big"), prune: false, CancellationToken.None);
        var after = claims.ClaimAsync(Claim("k2"), prune: false, CancellationToken.None);
        store.Open();

        await first;
        (await before).Claimed.ShouldBeTrue();
        (await after).Claimed.ShouldBeTrue();
        await Should.ThrowAsync<SqliteException>(() => refused);
    }

    [Fact]
    public async Task Dispose_CommitsWhatIsQueued_AndRefusesNewClaims()
    {
        var store = new GatedCommits();
        var claims = new ClaimGroupCommit(store.CommitAsync);
        var first = claims.ClaimAsync(Claim("k0"), prune: false, CancellationToken.None);
        await store.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = claims.ClaimAsync(Claim("k1"), prune: false, CancellationToken.None);

        var disposing = Task.Run(claims.Dispose);
        store.Open();
        await disposing.WaitAsync(TimeSpan.FromSeconds(10));

        (await first).Claimed.ShouldBeTrue();
        (await queued).Claimed.ShouldBeTrue();
        await Should.ThrowAsync<AuditStoreUnavailableException>(() => claims.ClaimAsync(Claim("late"), prune: false, CancellationToken.None));
    }

    private static IdempotencyRows.Claim Claim(string key) => new(key, $"owner-{key}", 1_000, 2_000);

    /// <summary>
    /// A store whose first transaction waits until the test opens it, so that claims can queue behind it. Every key
    /// is new to it; <see cref="Failure"/> may fail a transaction given its keys.
    /// </summary>
    private sealed class GatedCommits
    {
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Func<IReadOnlyList<string>, Exception?> Failure { get; init; } = _ => null;

        public List<List<string>> Batches { get; } = [];

        public List<string> Pruned { get; } = [];

        public Task Entered => entered.Task;

        public void Open() => gate.TrySetResult();

        public async Task<IdempotencyClaim[]> CommitAsync(IReadOnlyList<PendingClaim> batch)
        {
            var keys = batch.Select(p => p.Claim.Key).ToList();
            Batches.Add(keys);
            Pruned.AddRange(batch.Where(p => p.Prune).Select(p => p.Claim.Key));
            entered.TrySetResult();
            await gate.Task;
            if (Failure(keys) is { } failure)
            {
                throw failure;
            }

            return [.. batch.Select(p => new IdempotencyClaim(true, p.Claim.Owner))];
        }
    }
}
