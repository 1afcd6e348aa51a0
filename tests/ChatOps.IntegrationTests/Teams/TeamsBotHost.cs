using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.IntegrationTests.Teams;

/// <summary>
/// The HTTP host exactly as Program builds it, in-process on a loopback port, with a SQLite store and Teams pointed at
/// <see cref="FakeBotFramework"/>. Activities are posted with a JWT minted here, the way Bot Framework signs them.
/// </summary>
public sealed class TeamsBotHost : IAsyncDisposable
{
    public const string Tenant = "tenant-ours";
    public const string Channel = "19:ops@thread.tacv2";
    public const string AuditConversation = "19:audit@thread.tacv2";
    public const string BotId = "28:chatops-bot";
    public const string Alice = "aad-alice";
    public const string Bob = "aad-bob";
    public const string Carol = "aad-carol";

    private readonly TempDirectory data = new();
    private WebApplication app = null!;
    private int ids;

    public FakeBotFramework BotFramework { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Everything the host logged.</summary>
    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => app.Services;

    public IChatOpsStore Store => app.Services.GetRequiredService<IChatOpsStore>();

    public static async Task<TeamsBotHost> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var host = new TeamsBotHost { BotFramework = await FakeBotFramework.StartAsync() };
        var settings = new Dictionary<string, string?>
        {
            ["ChatOps:Store:Provider"] = "Sqlite",
            ["ChatOps:Store:ConnectionString"] = $"Data Source={Path.Combine(host.data.Path, "chatops.db")}",
            ["ChatOps:Teams:AppId"] = FakeBotFramework.AppId,
            ["ChatOps:Teams:AppPassword"] = FakeBotFramework.AppPassword,
            ["ChatOps:Teams:AllowedTenantIds:0"] = Tenant,
            ["ChatOps:Teams:OpenIdMetadataUrl"] = host.BotFramework.MetadataUrl.ToString(),
            ["ChatOps:Teams:TokenEndpoint"] = host.BotFramework.TokenEndpoint.ToString(),
            ["ChatOps:Teams:AuditConversationId"] = AuditConversation,
            ["ChatOps:Outbox:PollInterval"] = "00:00:00.100",
            ["ChatOps:Roles:Bindings:10:Subject"] = $"teams:{Alice}",
            ["ChatOps:Roles:Bindings:10:Role"] = "admin",
            ["ChatOps:Roles:Bindings:11:Subject"] = $"teams:{Bob}",
            ["ChatOps:Roles:Bindings:11:Role"] = "admin",
            ["ChatOps:Roles:Bindings:12:Subject"] = $"teams:{Carol}",
            ["ChatOps:Roles:Bindings:12:Role"] = "viewer",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        configure?.Invoke(settings);

        (host.app, var address) = await InProcessBot.StartAsync(settings, host.Logs);
        host.Http = new HttpClient { BaseAddress = address };
        return host;
    }

    /// <summary>A token as Bot Framework mints it for this activity; <paramref name="change"/> breaks one part of it.</summary>
    public string Token(string? serviceUrl = null, Action<SecurityTokenDescriptor>? change = null, string kid = "key-1")
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = FakeBotFramework.AppId,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(59),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? BotFramework.ServiceUrl },
            SigningCredentials = BotFramework.Credentials(kid),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public JsonObject Message(string text, string user = Alice, string conversation = Channel, string tenant = Tenant, bool mention = true)
    {
        var id = $"msg-{Interlocked.Increment(ref ids)}";
        var activity = Activity("message", id, user, conversation, tenant);
        activity["text"] = mention ? $"<at>ChatOps</at> {text}" : text;
        if (mention)
        {
            activity["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = "<at>ChatOps</at>",
                ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "ChatOps" },
            });
        }

        return activity;
    }

    public JsonObject Activity(string type, string id, string? user = Alice, string conversation = Channel, string tenant = Tenant)
    {
        var from = new JsonObject { ["id"] = $"29:{user}", ["name"] = user?.Replace("aad-", string.Empty, StringComparison.Ordinal) };
        if (user is not null)
        {
            from["aadObjectId"] = user;
        }

        return new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = BotFramework.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = from,
            ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "channel", ["tenantId"] = tenant, ["isGroup"] = true },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "ChatOps" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } },
        };
    }

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token());
        return await Http.SendAsync(request);
    }

    /// <summary>Clicks the Action.Execute that runs <paramref name="command"/> on card <paramref name="cardId"/> as <paramref name="user"/>; returns the invoke response.</summary>
    public async Task<JsonNode> InvokeAsync(string command, string user, string cardId)
    {
        var invoke = Activity("invoke", $"inv-{Guid.NewGuid():N}", user);
        invoke["name"] = "adaptiveCard/action";
        invoke["replyToId"] = cardId;
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "chatops.command", ["data"] = new JsonObject { ["command"] = command } },
            ["trigger"] = "manual",
        };
        using var response = await PostAsync(invoke);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Tells the bot it was added to <paramref name="conversation"/>, as Teams does when someone installs it there.</summary>
    public async Task AddBotToAsync(string conversation)
    {
        var update = Activity("conversationUpdate", $"cu-{Interlocked.Increment(ref ids)}", conversation: conversation);
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        (await PostAsync(update)).EnsureSuccessStatusCode();
    }

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

        await BotFramework.DisposeAsync();
        data.Dispose();
    }
}
