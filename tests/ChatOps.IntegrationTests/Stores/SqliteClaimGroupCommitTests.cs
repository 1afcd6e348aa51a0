using ChatOps.Bot.Infrastructure.Storage.Sqlite;
using ChatOps.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>
/// Issue 19: on the real SQLite store, delivery claims that arrive together share transactions, and a key claimed many
/// times in one transaction still has exactly one winner, whose owner every other claimer is told.
/// </summary>
public sealed class SqliteClaimGroupCommitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ConcurrentClaims_ShareTransactions_AndEachKeyHasOneWinnerEveryLoserNames()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "audit.db");
        using var store = new SqliteChatOpsStore($"Data Source={path}", StoreContractTests.KeysOf("2025"));
        await store.MigrateAsync(CancellationToken.None);
        var commits = 0;
        store.BeforeClaimCommit = _ => Interlocked.Increment(ref commits);

        // 20 keys, each claimed by 10 callers at once, under 200 distinct owners.
        var claims = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            store.ClaimAsync($"slack:command:signature:{i % 20}", $"r-{i}", T0, T0.AddMinutes(10), CancellationToken.None))));

        var byKey = claims.Select((claim, i) => (Key: i % 20, claim)).GroupBy(c => c.Key).ToList();
        byKey.Count.ShouldBe(20);
        foreach (var key in byKey)
        {
            var winner = key.Where(c => c.claim.Claimed).ShouldHaveSingleItem($"key {key.Key}").claim;
            key.Where(c => !c.claim.Claimed).ShouldAllBe(c => c.claim.Owner == winner.Owner);
        }

        commits.ShouldBeLessThan(200, "claims that arrive together share a transaction");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        await connection.OpenAsync();
        await using var rows = connection.CreateCommand();
        rows.CommandText = "SELECT owner FROM idempotency_keys ORDER BY key";
        var owners = new List<string>();
        await using (var reader = await rows.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                owners.Add(reader.GetString(0));
            }
        }

        owners.Order().ShouldBe(byKey.Select(k => k.Single(c => c.claim.Claimed).claim.Owner).Order(), "each winner's own claim is the row stored");
    }
}
