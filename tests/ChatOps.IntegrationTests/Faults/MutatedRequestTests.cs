using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.IntegrationTests.Slack;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>
/// 10,000 copies of one signed mutating slash command, each with one bit flipped in the body, the signature or the
/// timestamp, against the real host (in-process). None may run: every one gets 401 or 400, the Kubernetes test
/// server sees no write and the audit stays empty. The untouched request, sent last, runs once: the harness can fail.
/// </summary>
public sealed class MutatedRequestTests
{
    private const int Count = 10_000;

    [Fact]
    public async Task TenThousandBitFlippedRequests_AreAllRejected_AndNoneRuns()
    {
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await SlackBotHost.StartAsync(s => FaultBot.UseCluster(s, cluster));
        var body = Encoding.UTF8.GetBytes(await new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["team_id"] = SlackBotHost.Team,
            ["channel_id"] = "C-OPS",
            ["user_id"] = "U-ALICE",
            ["user_name"] = "alice",
            ["command"] = "/ops",
            ["text"] = $"scale {KubeTestCluster.Billing} 7",
            ["response_url"] = host.Slack.ResponseUrl("mutated").ToString(),
        }).ReadAsStringAsync());
        using var raw = new HttpClient { BaseAddress = host.Http.BaseAddress };
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var random = new Random(20261123);
        var mutations = Enumerable.Range(0, Count).Select(i => (Part: i % 3, Seed: random.Next())).ToList();

        await Parallel.ForEachAsync(mutations, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (m, ct) =>
        {
            var flip = new Random(m.Seed);
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signature = SlackSigningHandler.Signature(SlackBotHost.Secret, long.Parse(timestamp, CultureInfo.InvariantCulture), body);
            var sent = body;
            switch (m.Part)
            {
                case 0:
                    sent = (byte[])body.Clone();
                    sent[flip.Next(sent.Length)] ^= (byte)(1 << flip.Next(8));
                    break;
                case 1:
                    signature = FlipPrintable(signature, flip);
                    break;
                default:
                    timestamp = FlipPrintable(timestamp, flip);
                    break;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new ByteArrayContent(sent) };
            request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
            request.Headers.TryAddWithoutValidation("X-Slack-Request-Timestamp", timestamp);
            request.Headers.TryAddWithoutValidation("X-Slack-Signature", signature);
            using var response = await raw.SendAsync(request, ct);
            statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
        });

        statuses.Keys.ShouldBeSubsetOf([HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest]);
        statuses.Values.Sum().ShouldBe(Count);
        FaultBot.Writes(cluster).ShouldBe(0, "no mutated request reached Kubernetes");
        (await FaultBot.RequestsAsync(host)).ShouldBeEmpty("a rejected request is not a command: nothing ran, nothing to audit");
        FaultBot.Replicas(cluster).ShouldBe(3);

        var control = await host.Http.PostAsync(new Uri("/slack/commands", UriKind.Relative), new ByteArrayContent(body)
        {
            Headers = { ContentType = new("application/x-www-form-urlencoded") },
        });
        control.StatusCode.ShouldBe(HttpStatusCode.OK);
        await WaitUntilAsync(() => FaultBot.Replicas(cluster) == 7);
        FaultBot.Writes(cluster).ShouldBe(1, "the untouched request runs, once");
    }

    /// <summary>One bit flipped in one character, keeping it a printable ASCII character (a header value must be).</summary>
    private static string FlipPrintable(string value, Random flip)
    {
        while (true)
        {
            var chars = value.ToCharArray();
            var at = flip.Next(chars.Length);
            var flipped = (char)(chars[at] ^ (1 << flip.Next(7)));
            if (flipped is > ' ' and < (char)0x7F)
            {
                chars[at] = flipped;
                return new string(chars);
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }
    }
}
