using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>
/// The HTTP host exactly as Program builds it (AddChatOps / MapChatOps), in-process on a loopback port, with a
/// SQLite store in a temp folder and Slack pointed at <see cref="FakeSlackApi"/>. Requests go through a signing
/// handler, the way Slack sends them.
/// </summary>
public sealed class SlackBotHost : IAsyncDisposable
{
    public const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string Team = "T-OURS";

    private readonly TempDirectory data = new();
    private int triggers;
    private WebApplication app = null!;

    public FakeSlackApi Slack { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Everything the host logged.</summary>
    public CapturedLogs Logs { get; } = new();

    public SlackSigningHandler Signer { get; } = new(Secret);

    public IServiceProvider Services => app.Services;

    public IChatOpsStore Store => app.Services.GetRequiredService<IChatOpsStore>();

    public static async Task<SlackBotHost> StartAsync(Action<Dictionary<string, string?>>? configure = null, Action<FakeSlackApi>? prepare = null)
    {
        var host = new SlackBotHost { Slack = await FakeSlackApi.StartAsync() };
        prepare?.Invoke(host.Slack);
        var settings = new Dictionary<string, string?>
        {
            ["ChatOps:Store:Provider"] = "Sqlite",
            ["ChatOps:Store:ConnectionString"] = $"Data Source={Path.Combine(host.data.Path, "chatops.db")}",
            ["ChatOps:Slack:SigningSecret"] = Secret,
            ["ChatOps:Slack:BotToken"] = "xoxb-fake",
            ["ChatOps:Slack:ApiBaseUrl"] = host.Slack.ApiBaseUrl.ToString(),
            ["ChatOps:Slack:AllowedTeamIds:0"] = Team,
            ["ChatOps:Slack:AuditChannel"] = "C-AUDIT",
            ["ChatOps:Outbox:PollInterval"] = "00:00:00.100",
            ["ChatOps:Roles:Bindings:10:Subject"] = "slack:U-ALICE",
            ["ChatOps:Roles:Bindings:10:Role"] = "admin",
            ["ChatOps:Roles:Bindings:11:Subject"] = "slack:U-BOB",
            ["ChatOps:Roles:Bindings:11:Role"] = "admin",
            ["ChatOps:Roles:Bindings:12:Subject"] = "slack:U-CAROL",
            ["ChatOps:Roles:Bindings:12:Role"] = "viewer",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        configure?.Invoke(settings);

        (host.app, var address) = await InProcessBot.StartAsync(settings, host.Logs);
        host.Http = new HttpClient(host.Signer) { BaseAddress = address };
        return host;
    }

    /// <summary>A slash command; <paramref name="userName"/> is the <c>user_name</c> Slack sends (any user can choose it), by default the id lower-cased.</summary>
    public Task<HttpResponseMessage> CommandAsync(
        string text, string user = "U-ALICE", string team = Team, string responseId = "r1", string? userName = null) =>
        Http.PostAsync(new Uri("/slack/commands", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = "deprecated",
            ["team_id"] = team,
            ["team_domain"] = "ours",
            ["channel_id"] = "C-OPS",
            ["channel_name"] = "ops",
            ["user_id"] = user,
            ["user_name"] = userName ?? user.ToLowerInvariant(),
            ["command"] = "/ops",
            ["text"] = text,
            ["api_app_id"] = "A1",
            ["response_url"] = Slack.ResponseUrl(responseId).ToString(),
            // Slack mints a trigger id per invocation, so two commands never have the same signed bytes.
            ["trigger_id"] = $"1.2.{Interlocked.Increment(ref triggers)}",
        }));

    public Task<HttpResponseMessage> InteractionAsync(string payloadJson) =>
        Http.PostAsync(new Uri("/slack/interactions", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["payload"] = payloadJson }));

    public Task<HttpResponseMessage> EventAsync(string json) =>
        Http.PostAsync(new Uri("/slack/events", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public async Task<IReadOnlyList<ChatOps.Bot.Features.Audit.AuditRecord>> AuditAsync() =>
        await Store.QueryAsync(new ChatOps.Bot.Features.Audit.AuditQuery(Last: 100), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await Slack.DisposeAsync();
        data.Dispose();
    }
}
