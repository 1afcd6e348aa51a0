using System.Diagnostics;
using System.Text;
using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Pipeline;
using ChatOps.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ChatOps.IntegrationTests.Pipeline;

/// <summary>
/// Property: whatever text arrives, every command gets an answer, the audit chain still verifies on both real stores,
/// no record is held or set aside, and the store still takes a normal mutating command. Lines come from a fixed seed,
/// so a failure reproduces; they run on a few concurrent workers, as chat traffic would, to share commits.
/// </summary>
public sealed class AuditFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_260_420;
    private const int Workers = 4;

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task Sqlite_20000HostileCommandLines_LeaveTheAuditVerifiableAndWritable()
    {
        using var dir = new TempDirectory();
        await using var bot = await RealStoreBot.StartAsync("Sqlite", $"Data Source={Path.Combine(dir.Path, "chatops.db")}");

        await RunPropertyAsync(bot, lines: 20_000);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task Postgres_5000HostileCommandLines_LeaveTheAuditVerifiableAndWritable()
    {
        await using var database = new PostgresTestDatabase("chatops_fuzz");
        await database.CreateAsync(CancellationToken.None);
        await using var bot = await RealStoreBot.StartAsync("Postgres", database.ConnectionString);

        await RunPropertyAsync(bot, lines: 5_000);
    }

    private async Task RunPropertyAsync(RealStoreBot bot, int lines)
    {
        var commands = Generate(lines);
        var started = Stopwatch.GetTimestamp();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < commands.Count)
            {
                var (user, text) = commands[i];
                var result = await bot.RunAsync(user, text);
                result.Text.ShouldNotBe(AuditBehavior<IOperation, OperationResult>.Unavailable, $"line {i}");
                result.Text.ShouldNotBe(AuditBehavior<IOperation, OperationResult>.Refused, $"line {i}");
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var verification = await bot.Store.VerifyAsync(CancellationToken.None);
        verification.IsIntact.ShouldBeTrue(verification.ToString());
        verification.VerifiedCount.ShouldBeGreaterThanOrEqualTo(lines, "every line left at least one record");
        bot.Get<PendingAuditRecords>().Held.ShouldBe(0);
        var deny = await bot.RunAsync("alice", "deny r-abc123 after the fuzz");
        deny.Outcome.ShouldBe(Outcome.Denied, deny.Text);
        (await bot.Store.QueryAsync(new AuditQuery(1), CancellationToken.None))[0].RawText.ShouldBe("deny r-abc123 after the fuzz");
        output.WriteLine($"{lines} lines, {verification.VerifiedCount} records, {elapsed.TotalSeconds:F1} s");
    }

    private static readonly string[] Users = ["alice", "carol", "mallory"];

    private static readonly string[] Words =
        ["whoami", "help", "audit", "verify", "--last", "5", "approve", "deny", "r-abc123", "pods", "scale", "web", "-n", "default", "--reason=x", "\"", "'", "“", "\\"];

    /// <summary>Hostile fragments: controls, NUL, C1, bidi overrides and marks, lone and paired surrogates, combining marks.</summary>
    private static readonly string[] Hostile =
        ["\0", "\u0001", "\u001b[31m", "\u007f", "\u0085", "\u009b", "\u202E", "\u202A", "\u2066", "\u2069", "\u200E", "\u200F", "\u061C",
         "\ud800", "\udfff", "\U0001F600", "e\u0301", "\u00e9", "\t", "\r\n", "\n", "\r", "\u2028", "\ufeff", "\ufffd", "\uffff"];

    private static List<(string User, string Text)> Generate(int count)
    {
        var random = new Random(Seed);
        var lines = new List<(string, string)>(count);
        var sb = new StringBuilder();
        for (var n = 0; n < count; n++)
        {
            sb.Clear();
            var tokens = random.Next(1, 6);
            for (var t = 0; t < tokens; t++)
            {
                if (t > 0)
                {
                    sb.Append(' ');
                }

                switch (random.Next(10))
                {
                    case < 5:
                        sb.Append(Words[random.Next(Words.Length)]);
                        break;
                    case < 8:
                        sb.Append(Words[random.Next(Words.Length)]).Insert(sb.Length - random.Next(2), Hostile[random.Next(Hostile.Length)]);
                        break;
                    case 8:
                        for (var c = random.Next(1, 8); c > 0; c--)
                        {
                            sb.Append((char)random.Next(0, 0x10000));
                        }

                        break;
                    default:
                        // A 10 KB token now and then, with something hostile in its middle.
                        var size = random.Next(50) == 0 ? 10_240 : random.Next(1, 600);
                        sb.Append('x', size / 2).Append(Hostile[random.Next(Hostile.Length)]).Append('y', size - size / 2);
                        break;
                }
            }

            lines.Add((Users[random.Next(Users.Length)], sb.ToString()));
        }

        return lines;
    }
}
