using System.Text.Json;
using ChatOps.Bot.Core;
using ChatOps.Tests.Core.Redaction;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Features.Databases;

/// <summary>Issue 20.9: no secret of the corpus reaches the chat payload, the audit record or a log line.</summary>
[Trait("Category", "Adversarial")]
public sealed class DbQueriesRedactionTests
{
    [Fact]
    public async Task Queries_AndKill_ShowNoSecretOfTheCorpus_InChatAuditOrLogs()
    {
        await using var bot = TestBot.Create(s =>
        {
            TestBot.WithDatabase(s, "coredb", production: true);
            foreach (var (key, value) in SecretCorpus.Settings)
            {
                s[key] = value;
            }

            s["ChatOps:Approvals:Commands:0"] = "db kill";
        });
        var logs = new RecordingLogs();
        bot.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var pid = 100;
        foreach (var (text, _) in SecretCorpus.Entries)
        {
            bot.Databases.Add(pid++, TimeSpan.FromMinutes(pid), query: text);
        }

        var payloads = new List<OperationResult> { await bot.RunAsync("carol", "db queries --limit 100") };
        foreach (var session in bot.Databases.Sessions.ToList())
        {
            payloads.Add(await bot.RunAsync("alice", $"db kill {session.Pid} --terminate"));
            payloads.Add(await bot.RunAsync("alice", $"db kill {session.Tag} --terminate"));
        }

        payloads.ShouldContain(p => p.Outcome == Outcome.AwaitingApproval);
        var seen = string.Join('\n',
            payloads.Select(p => JsonSerializer.Serialize(p))
                .Concat(bot.Store.Entries.Select(e => JsonSerializer.Serialize(e.Record)))
                .Concat(bot.Store.Outbox.Select(o => o.Text))
                .Concat(logs.Lines));
        seen.ShouldContain("***");
        foreach (var (_, secret) in SecretCorpus.Entries)
        {
            seen.ShouldNotContain(secret);
        }
    }
}
