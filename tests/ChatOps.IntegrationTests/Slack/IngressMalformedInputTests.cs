using System.Globalization;
using System.Net;
using System.Text;
using ChatOps.Bot.Features.Audit;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>
/// Issue #20 item 5 for the Slack endpoints and the Alertmanager webhook (both served by the same host): broken
/// signatures, tokens, form bodies and JSON get 401 or 400 (or an empty 200 where Slack expects one), never a 500 or
/// a logged stack trace.
/// </summary>
public sealed class IngressMalformedInputTests
{
    private const int Inputs = 400;
    private const string AlertmanagerToken = "am-token-for-fuzzing";
    private static readonly string[] SlackPaths = ["/slack/commands", "/slack/interactions", "/slack/events"];

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task SlackEndpoints_MalformedSignaturesAndBodies_Get401Or400_NeverAStack()
    {
        await using var host = await StartAsync();
        host.Signer.Sign = false;
        var inputs = new MalformedInputs(seed: 20_8);
        var unexpected = new List<string>();

        for (var i = 0; i < Inputs; i++)
        {
            var path = inputs.Pick(SlackPaths);
            var body = Body(inputs, path);
            var bytes = Encoding.UTF8.GetBytes(body);
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var timestamp = inputs.Pick([now.ToString(CultureInfo.InvariantCulture), "-1", "", "1e3", "99999999999999999999", " " + now, inputs.Token()]);
            var forged = await SendAsync(host, path, bytes, r =>
            {
                r.Headers.TryAddWithoutValidation("X-Slack-Request-Timestamp", timestamp);
                r.Headers.TryAddWithoutValidation("X-Slack-Signature", inputs.Pick(["v0=" + inputs.Token(), "", "v0=", "v1=" + new string('a', 64), inputs.Token()]));
            });
            if (forged != HttpStatusCode.Unauthorized && !IsSslCheck(path, body))
            {
                unexpected.Add($"forged {path} {forged}: {Shorten(body)}");
            }

            var signed = await SendAsync(host, path, bytes, r =>
            {
                r.Headers.Add("X-Slack-Request-Timestamp", now.ToString(CultureInfo.InvariantCulture));
                r.Headers.Add("X-Slack-Signature", SlackSigningHandler.Signature(SlackBotHost.Secret, now, bytes));
            });
            if (signed is not (HttpStatusCode.OK or HttpStatusCode.BadRequest))
            {
                unexpected.Add($"signed {path} {signed}: {Shorten(body)}");
            }
        }

        unexpected.Take(20).ShouldBeEmpty($"{unexpected.Count} of {Inputs * 2} requests got an unexpected status");
        host.Logs.ErrorsOrStacks.Select(l => $"{l.Level} {l.Category}: {l.Message}").Take(20).ShouldBeEmpty($"{host.Logs.ErrorsOrStacks.Count} errors or stacks logged");
        (await host.AuditAsync()).ShouldAllBe(r => r.Outcome != AuditOutcome.Failed);
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task AlertmanagerWebhook_MalformedTokensAndBodies_Get401Or400_NeverAStack()
    {
        await using var host = await StartAsync();
        host.Signer.Sign = false;
        var inputs = new MalformedInputs(seed: 20_9);
        var unexpected = new List<string>();

        for (var i = 0; i < Inputs; i++)
        {
            var body = Encoding.UTF8.GetBytes(inputs.JsonBody());
            var authorization = i % 4 == 0 ? inputs.Scheme() : "Bearer " + inputs.Token();
            var anonymous = await SendAsync(host, "/alertmanager", body, r => r.Headers.TryAddWithoutValidation("Authorization", authorization));
            var authorized = await SendAsync(host, "/alertmanager", body, r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + AlertmanagerToken));
            if (anonymous != HttpStatusCode.Unauthorized || authorized != HttpStatusCode.BadRequest)
            {
                unexpected.Add($"{(int)anonymous}/{(int)authorized} {Shorten(Encoding.UTF8.GetString(body))}");
            }
        }

        unexpected.Take(20).ShouldBeEmpty($"{unexpected.Count} of {Inputs} bodies got an unexpected status");
        host.Logs.ErrorsOrStacks.Select(l => $"{l.Level} {l.Category}: {l.Message}").Take(20).ShouldBeEmpty($"{host.Logs.ErrorsOrStacks.Count} errors or stacks logged");
    }

    private static Task<SlackBotHost> StartAsync() => SlackBotHost.StartAsync(s =>
    {
        s["ChatOps:Alertmanager:BearerToken"] = AlertmanagerToken;
        s["ChatOps:Alertmanager:Channel"] = "slack:C-ALERTS";
        s["ChatOps:RateLimits:PerUser:PermitLimit"] = "100000";
    });

    /// <summary>What each endpoint parses: a form (commands), a form holding JSON (interactions), or JSON (events).</summary>
    private static string Body(MalformedInputs inputs, string path) => path switch
    {
        "/slack/commands" => inputs.Pick([
            inputs.JsonBody(), "%", "%zz&=&&==", "text=%E0%A4%A&user_id=U-ALICE&team_id=" + SlackBotHost.Team, "user_id=&team_id=" + SlackBotHost.Team,
            "team_id=" + SlackBotHost.Team + "&user_id=U-CAROL&text=" + Uri.EscapeDataString(inputs.JsonBody()), "team_id=" + SlackBotHost.Team + "&team_id=T2&user_id=U-CAROL&text=whoami",
            new string('&', inputs.Next(5_000)), "ssl_check=1&token=x"]),
        "/slack/interactions" => "payload=" + Uri.EscapeDataString(inputs.Pick([
            inputs.JsonBody(), "{\"type\":\"block_actions\",\"team\":{\"id\":\"" + SlackBotHost.Team + "\"},\"user\":{\"id\":\"U-CAROL\"},\"actions\":" + inputs.Pick(["1", "[1,null,{}]", "{}", "[{\"value\":5}]", "[{\"value\":\"whoami\",\"action_ts\":{}}]"]) + "}",
            "{\"type\":\"block_actions\",\"team\":[],\"user\":\"U\",\"message\":{\"blocks\":5}}"])),
        _ => inputs.Pick([
            inputs.JsonBody(), "{\"type\":\"url_verification\",\"challenge\":{}}",
            "{\"type\":\"event_callback\",\"team_id\":\"" + SlackBotHost.Team + "\",\"event_id\":" + inputs.Pick(["1", "null", "\"\"", "\"Ev-F\""]) + ",\"event\":" + inputs.Pick(["[]", "\"x\"", "{\"type\":\"app_mention\",\"user\":5,\"channel\":{}}", "{\"type\":\"app_mention\",\"user\":\"U-CAROL\",\"channel\":\"C1\",\"text\":[]}"]) + "}"]),
    };

    private static bool IsSslCheck(string path, string body) => path == "/slack/commands" && body.StartsWith("ssl_check=1", StringComparison.Ordinal);

    private static string Shorten(string text) => Teams.TeamsMalformedInputTests.Shorten(text);

    private static async Task<HttpStatusCode> SendAsync(SlackBotHost host, string path, byte[] body, Action<HttpRequestMessage> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", path == "/slack/events" || path == "/alertmanager" ? "application/json" : "application/x-www-form-urlencoded");
        headers(request);
        using var response = await host.Http.SendAsync(request);
        return response.StatusCode;
    }
}
