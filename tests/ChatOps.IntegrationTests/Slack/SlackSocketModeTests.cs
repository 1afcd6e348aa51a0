using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>A loopback WebSocket server plays Slack's side of Socket Mode frame by frame and checks the acks.</summary>
public sealed class SlackSocketModeTests
{
    [Fact]
    public async Task Envelopes_RunThroughTheHttpCode_AreAcked_AndDisconnectReconnects()
    {
        var acks = Channel.CreateUnbounded<JsonNode>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connections = 0;
        await using var host = await SlackBotHost.StartAsync(s => s["ChatOps:Slack:AppToken"] = "xapp-fake", slack => slack.Socket = async socket =>
        {
            if (Interlocked.Increment(ref connections) > 1)
            {
                await SendAsync(socket, """{"type":"hello","num_connections":1}""");
                second.TrySetResult();
                await ReceiveAsync(socket);
                return;
            }

            await SendAsync(socket, """{"type":"hello","num_connections":1,"debug_info":{"host":"test"}}""");
            await SendAsync(socket, Envelope("e-cmd", "slash_commands", new JsonObject
            {
                ["team_id"] = SlackBotHost.Team, ["user_id"] = "U-CAROL", ["user_name"] = "carol", ["channel_id"] = "C-OPS",
                ["command"] = "/ops", ["text"] = "whoami", ["response_url"] = slack.ResponseUrl("socket").ToString(),
            }));
            await acks.Writer.WriteAsync(JsonNode.Parse((await ReceiveAsync(socket))!)!);
            await SendAsync(socket, Envelope("e-evt", "events_api", JsonNode.Parse(SlackEventTests.Mention("Ev-S1", "<@U-BOT> help"))!));
            await acks.Writer.WriteAsync(JsonNode.Parse((await ReceiveAsync(socket))!)!);
            await SendAsync(socket, """{"type":"disconnect","reason":"refresh_requested"}""");
            await ReceiveAsync(socket);
        });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var commandAck = await acks.Reader.ReadAsync(timeout.Token);
        commandAck["envelope_id"]!.GetValue<string>().ShouldBe("e-cmd");
        commandAck["payload"]!["text"]!.GetValue<string>().ShouldContain("slack:U-CAROL");
        var eventAck = await acks.Reader.ReadAsync(timeout.Token);
        eventAck["envelope_id"]!.GetValue<string>().ShouldBe("e-evt");
        (await host.Slack.WaitForAsync("chat.postEphemeral")).Json!["text"]!.GetValue<string>().ShouldContain("whoami");
        await second.Task.WaitAsync(timeout.Token);
        host.Slack.CallsTo("apps.connections.open").Count.ShouldBe(2);
        host.Slack.CallsTo("apps.connections.open").ShouldAllBe(c => c.Authorization == "Bearer xapp-fake");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task RedeliveredSlashCommandEnvelope_RunsOnce_AndTheRetryIsAckedWithAlreadyHandled()
    {
        var acks = Channel.CreateUnbounded<JsonNode>();
        await using var host = await SlackBotHost.StartAsync(s => s["ChatOps:Slack:AppToken"] = "xapp-fake", slack => slack.Socket = async socket =>
        {
            await SendAsync(socket, """{"type":"hello","num_connections":1}""");
            var command = new JsonObject
            {
                ["team_id"] = SlackBotHost.Team, ["user_id"] = "U-CAROL", ["user_name"] = "carol", ["channel_id"] = "C-OPS",
                ["command"] = "/ops", ["text"] = "whoami", ["response_url"] = slack.ResponseUrl("socket").ToString(),
            };
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var envelope = JsonNode.Parse(Envelope("e-again", "slash_commands", command.DeepClone()))!;
                envelope["retry_attempt"] = attempt;
                await SendAsync(socket, envelope.ToJsonString());
                await acks.Writer.WriteAsync(JsonNode.Parse((await ReceiveAsync(socket))!)!);
            }

            await ReceiveAsync(socket);
        });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var first = await acks.Reader.ReadAsync(timeout.Token);
        var retry = await acks.Reader.ReadAsync(timeout.Token);

        first["payload"]!["text"]!.GetValue<string>().ShouldContain("slack:U-CAROL");
        retry["envelope_id"]!.GetValue<string>().ShouldBe("e-again");
        var ran = (await host.AuditAsync()).Where(r => r.RawText == "whoami").ShouldHaveSingleItem();
        retry["payload"]!["text"]!.GetValue<string>().ShouldContain($"already handled (request {ran.RequestId})");
    }

    [Fact]
    public async Task FatalAuthError_StopsSocketMode_WithoutRetrying()
    {
        await using var host = await SlackBotHost.StartAsync(s => s["ChatOps:Slack:AppToken"] = "xapp-revoked", slack =>
            slack.FailNext("apps.connections.open", "invalid_auth"));

        await host.Slack.WaitForAsync("apps.connections.open");
        await Task.Delay(1500);

        host.Slack.CallsTo("apps.connections.open").Count.ShouldBe(1);
        (await host.CommandAsync("help")).IsSuccessStatusCode.ShouldBeTrue("HTTP keeps working");
    }

    private static string Envelope(string id, string type, JsonNode payload) => new JsonObject
    {
        ["envelope_id"] = id,
        ["type"] = type,
        ["payload"] = payload,
        ["accepts_response_payload"] = type == "slash_commands",
        ["retry_attempt"] = 0,
    }.ToJsonString();

    private static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string?> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }
}
