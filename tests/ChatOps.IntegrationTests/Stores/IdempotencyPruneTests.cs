using ChatOps.Bot.Infrastructure.Storage.Sqlite;
using ChatOps.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>
/// Delivery claims prune expired keys only every so many claims, to save each claim a statement; the table must still
/// stay as small as the live claims, however many have come and gone.
/// </summary>
public sealed class IdempotencyPruneTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ThousandsOfShortLivedClaims_LeaveOnlyTheLiveOnes_AndAFewNotYetPruned()
    {
        using var dir = new TempDirectory();
        var connectionString = $"Data Source={Path.Combine(dir.Path, "audit.db")}";
        using var store = new SqliteChatOpsStore(connectionString, StoreContractTests.KeysOf("2025"));
        await store.MigrateAsync(CancellationToken.None);

        // One claim a second, each live for ten seconds: ten are live at any time.
        for (var i = 0; i < 3_000; i++)
        {
            var now = T0.AddSeconds(i);
            (await store.TryClaimAsync($"slack:event:E{i}", now, now.AddSeconds(10), CancellationToken.None)).ShouldBeTrue();
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM idempotency_keys";
        ((long)(await count.ExecuteScalarAsync())!).ShouldBeLessThanOrEqualTo(10 + 16, "the live claims and at most one round of expired ones");
    }
}
