using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Bot.Parsing;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Teams;

/// <summary>
/// Issue #20 item 5: <c>/api/messages</c> before authentication. A broken bearer token is a 401 and a broken body a 400
/// (401 while the token is not valid too); neither is ever a 500 or a logged stack trace.
/// </summary>
public sealed class TeamsMalformedInputTests
{
    private const int Tokens = 1_200;
    private const int Bodies = 300;

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task MalformedTokens_Get401_AndLogNoErrorOrStack()
    {
        await using var host = await TeamsBotHost.StartAsync();
        var inputs = new MalformedInputs(seed: 20_5);
        var statuses = new List<(HttpStatusCode Status, string Input)>();

        for (var i = 0; i < Tokens; i++)
        {
            var authorization = i % 10 == 0 ? inputs.Scheme() : "Bearer " + inputs.Token();
            statuses.Add((await PostAsync(host, host.Message($"status probe-{i}").ToJsonString(), authorization), authorization));
        }

        var wrong = statuses.Where(s => s.Status != HttpStatusCode.Unauthorized).ToList();
        wrong.Select(s => $"{(int)s.Status} {Shorten(s.Input)}").Take(20).ShouldBeEmpty($"{wrong.Count} of {Tokens} tokens were not refused with 401");
        host.Logs.ErrorsOrStacks.Select(l => $"{l.Level} {l.Category}: {l.Message}").Take(20).ShouldBeEmpty($"{host.Logs.ErrorsOrStacks.Count} errors or stacks logged");
        (await host.AuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task MalformedBodies_Get401WithoutAValidToken_And400WithOne_AndLogNoErrorOrStack()
    {
        await using var host = await TeamsBotHost.StartAsync();
        var inputs = new MalformedInputs(seed: 20_6);
        var unexpected = new List<string>();

        for (var i = 0; i < Bodies; i++)
        {
            var body = inputs.JsonBody();
            var anonymous = await PostAsync(host, body, i % 2 == 0 ? null : "Bearer " + inputs.Token());
            var authenticated = await PostAsync(host, body, "Bearer " + host.Token());
            if (anonymous != HttpStatusCode.Unauthorized || authenticated is not (HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized))
            {
                unexpected.Add($"{(int)anonymous}/{(int)authenticated} {Shorten(body)}");
            }
        }

        unexpected.Take(20).ShouldBeEmpty($"{unexpected.Count} of {Bodies} bodies got an unexpected status");
        host.Logs.ErrorsOrStacks.Select(l => $"{l.Level} {l.Category}: {l.Message}").Take(20).ShouldBeEmpty($"{host.Logs.ErrorsOrStacks.Count} errors or stacks logged");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task WellFormedActivities_WithFieldsOfTheWrongTypes_AreNever500()
    {
        await using var host = await TeamsBotHost.StartAsync();
        var inputs = new MalformedInputs(seed: 20_7);
        string[] fields = ["text", "entities", "value", "from", "conversation", "recipient", "channelData", "name", "replyToId", "membersAdded", "id", "type"];
        JsonNode?[] values() => [null, 1, true, "", "x", new JsonArray(), new JsonObject(), new JsonArray(1, "a", null), new JsonObject { ["id"] = 5, ["action"] = "y" }];
        var unexpected = new List<string>();

        for (var i = 0; i < Bodies; i++)
        {
            var activity = host.Message($"status probe-{i}");
            activity["type"] = inputs.Pick(["message", "invoke", "conversationUpdate", "event"]);
            activity["name"] = inputs.Pick(["adaptiveCard/action", "other"]);
            for (var n = inputs.Next(3) + 1; n > 0; n--)
            {
                activity[inputs.Pick(fields)] = inputs.Pick(values());
            }

            var status = await PostAsync(host, activity.ToJsonString(), "Bearer " + host.Token());
            if ((int)status >= 500)
            {
                unexpected.Add($"{(int)status} {Shorten(activity.ToJsonString())}");
            }
        }

        unexpected.Take(20).ShouldBeEmpty($"{unexpected.Count} of {Bodies} bodies got an unexpected status");
        host.Logs.ErrorsOrStacks.Select(l => $"{l.Level} {l.Category}: {l.Message}").Take(20).ShouldBeEmpty($"{host.Logs.ErrorsOrStacks.Count} errors or stacks logged");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task UnreachableSigningKeys_Get503WithoutAStack_AndAreFetchedOncePerInterval()
    {
        await using var host = await TeamsBotHost.StartAsync(s => s["ChatOps:Teams:OpenIdMetadataUrl"] = "http://127.0.0.1:1/.well-known/openidconfiguration");

        for (var i = 0; i < 20; i++)
        {
            (await PostAsync(host, host.Message($"status probe-{i}").ToJsonString(), "Bearer " + host.Token())).ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        // The HTTP client's own Information line for the failed fetch carries the exception; it is written once per fetch.
        host.Logs.ErrorsOrStacks.Where(l => !l.Category.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal)).ShouldBeEmpty();
        host.Logs.Lines.Count(l => l.Message.Contains("signing keys unavailable", StringComparison.Ordinal) && l.Category.EndsWith("BotFrameworkKeys", StringComparison.Ordinal))
            .ShouldBe(1, "one fetch per refresh interval, however many requests arrive");
    }

    internal static string Shorten(string text) => text.Length > 120 ? text[..120] + $"… ({text.Length} chars)" : text;

    private static async Task<HttpStatusCode> PostAsync(TeamsBotHost host, string body, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization).ShouldBeTrue();
        }

        using var response = await host.Http.SendAsync(request);
        return response.StatusCode;
    }
}
