using System.Text.Json;
using ChatOps.Bot.Core;
using ChatOps.Tests.Core.Redaction;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary>Issue 14.3: no secret a pod logs reaches the chat payload, the audit record, the outbox or a log line.</summary>
[Trait("Category", "Adversarial")]
public sealed class LogsRedactionTests
{
    private const string SlackBotToken = "xoxb-000000000000-000000000000-PLACEHOLDERnotAtoken";

    /// <summary>(a log line as applications really write them, the secret in it).</summary>
    public static IReadOnlyList<(string Line, string Secret)> Corpus { get; } =
    [
        ("2026-03-01T09:00:01Z DEBUG outgoing GET /v1/orders Authorization: Bearer 7Fj2kLx9QmP4zR8tVw3YbN6c", "7Fj2kLx9QmP4zR8tVw3YbN6c"),
        ("2026-03-01T09:00:02Z INFO token accepted eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlLXNpZ25hdHVyZQ",
            "eyJzdWIiOiJhbGljZSIsImV4cCI6MTcwMDAwMDAwMH0"),
        ("2026-03-01T09:00:03Z WARN login retry user=svc password=Sup3r-S3cret!", "Sup3r-S3cret!"),
        ("2026-03-01T09:00:04Z WARN legacy client pwd=qwerty-77-zz", "qwerty-77-zz"),
        ("2026-03-01T09:00:05Z INFO webhook configured secret=whsec_8Hn2LpQ0xv", "whsec_8Hn2LpQ0xv"),
        ("2026-03-01T09:00:06Z ERROR cannot open Server=sql01;Database=billing;User Id=app;Password=B1ll!ng-Pw;Encrypt=true", "B1ll!ng-Pw"),
        ("2026-03-01T09:00:07Z INFO s3 client AKIAZ7EXAMPLEKEY1234 region=eu-west-1", "AKIAZ7EXAMPLEKEY1234"),
        ("2026-03-01T09:00:08Z DEBUG loaded key -----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----"),
        ("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7fakekeymaterial", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7fakekeymaterial"),
        ("-----END PRIVATE KEY-----", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7fakekeymaterial"),
        ($"2026-03-01T09:00:09Z INFO notifier started with {SlackBotToken}", SlackBotToken),
        ($"2026-03-01T09:00:10Z DEBUG verifying with {SecretCorpus.SigningSecret}", SecretCorpus.SigningSecret),
        ("2026-03-01T09:00:11Z INFO internal-key-0123456789abcdef0123456789abcdef used", "0123456789abcdef0123456789abcdef"),
        ("2026-03-01T09:00:12Z INFO db postgresql://billing:Pg-L0g-Pass@db:5432/billing", "Pg-L0g-Pass"),
    ];

    [Fact]
    public async Task Logs_ShowNoSecretOfTheCorpus_InChatAuditOutboxOrLogs()
    {
        await using var bot = TestBot.Create(s =>
        {
            foreach (var (key, value) in SecretCorpus.Settings)
            {
                s[key] = value;
            }

            s["ChatOps:Redaction:Patterns:0"] = "internal-key-(?<secret>[0-9a-f]{32})";
            s["ChatOps:Slack:AuditChannel"] = "C-AUDIT";
        });
        var logs = new RecordingLogs();
        bot.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        bot.Kube.Logs[("web-3-fghij", "web", false)] = Corpus.Select(c => c.Line).ToList();
        bot.Kube.Logs[("web-3-fghij", "web", true)] = Corpus.Select(c => c.Line).ToList();

        var payloads = new List<OperationResult>
        {
            await bot.RunAsync("carol", "logs web --cluster staging"),
            await bot.RunAsync("carol", "logs web --previous --cluster staging"),
            await bot.RunAsync("carol", "logs web --all-pods --cluster staging"),
            await bot.RunAsync("carol", "logs web --grep INFO --cluster staging"),
        };

        payloads.ShouldAllBe(p => p.Outcome == Outcome.Succeeded);
        payloads[0].Text.Split('\n')[2].ShouldBe("12 secrets masked as ***", payloads[0].Text);
        var seen = string.Join('\n',
            payloads.Select(p => JsonSerializer.Serialize(p))
                .Concat(bot.Store.Entries.Select(e => JsonSerializer.Serialize(e.Record)))
                .Concat(bot.Store.Outbox.Select(o => o.Text))
                .Concat(logs.Lines));
        seen.ShouldContain("***");
        foreach (var (_, secret) in Corpus)
        {
            seen.ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task ACutLog_AttachesAFile_WithNoSecretOfTheCorpus()
    {
        await using var bot = TestBot.Create(s =>
        {
            foreach (var (key, value) in SecretCorpus.Settings)
            {
                s[key] = value;
            }

            s["ChatOps:Redaction:Patterns:0"] = "internal-key-(?<secret>[0-9a-f]{32})";
            s["ChatOps:Roles:Bindings:9:Subject"] = "slack:U1";
            s["ChatOps:Roles:Bindings:9:Role"] = "viewer";
        });

        // The secrets come first, so the chat text cuts them away and only the file carries those lines.
        var filler = Enumerable.Range(1, 300).Select(i => $"2026-03-01T09:01:00Z INFO request {i} handled");
        bot.Kube.Logs[("web-3-fghij", "web", false)] = [.. Corpus.Select(c => c.Line), .. filler];

        var result = await bot.Dispatcher.DispatchAsync("logs web --tail 400 --cluster staging", bot.Context("U1") with { Platform = "slack" }, CancellationToken.None);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldNotContain("loaded key", customMessage: "the secret lines are cut from the chat text");
        var bytes = System.Text.Encoding.UTF8.GetString(result.Files.ShouldHaveSingleItem().Content.Span);
        foreach (var (_, secret) in Corpus)
        {
            bytes.ShouldNotContain(secret);
        }

        bytes.ShouldContain("loaded key ***");
        bytes.ShouldContain("request 300 handled");
    }
}
