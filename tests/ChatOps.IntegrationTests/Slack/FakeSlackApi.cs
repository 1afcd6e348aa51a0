using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>
/// One file of Slack's external upload flow: what files.getUploadURLExternal was told (name, length), the bytes POSTed
/// to its upload URL (with the Authorization header they came with), and where files.completeUploadExternal shared it.
/// </summary>
public sealed class SlackUpload(string id, string fileName, long length)
{
    public string Id { get; } = id;

    public string FileName { get; } = fileName;

    public long Length { get; } = length;

    public byte[]? Bytes { get; set; }

    public string? UploadAuthorization { get; set; }

    public string? Channel { get; set; }

    public string? ThreadTs { get; set; }

    public bool Completed { get; set; }
}

public sealed record SlackCall(string Method, string? Authorization, string Body)
{
    /// <summary>Answered by <see cref="FakeSlackApi.Outage"/>: Slack did not take it.</summary>
    public bool Refused { get; init; }

    public JsonNode? Json => Body.StartsWith('{') ? JsonNode.Parse(Body) : null;

    public Dictionary<string, string> Form => QueryHelpers.ParseQuery(Body).ToDictionary(p => p.Key, p => p.Value.ToString());
}

/// <summary>
/// A loopback Kestrel server that answers like Slack's Web API (and like a <c>response_url</c>) and records every call.
/// Tests script failures per method: a 429 with Retry-After, an <c>ok:false</c>, or a slow answer.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<SlackCall> calls = new();
    private readonly ConcurrentQueue<SlackCall> refused = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> scripted = new();
    private long ts = 1_700_000_000_000_000;
    private int refusedCount;

    private FakeSlackApi(WebApplication app)
    {
        this.app = app;
    }

    public Uri Root { get; private set; } = null!;

    public Uri ApiBaseUrl => new(Root, "api/");

    public IReadOnlyList<SlackCall> Calls => [.. calls];

    /// <summary>The calls a scripted answer refused with an HTTP error (a 429): recorded in <see cref="Calls"/>, never delivered.</summary>
    public IReadOnlyList<SlackCall> Refused => [.. refused];

    public ConcurrentDictionary<string, string[]> UserGroups { get; } = new();

    /// <summary>Channels made by conversations.create, by name; a second create of a name answers <c>name_taken</c>.</summary>
    public ConcurrentDictionary<string, string> Channels { get; } = new();

    /// <summary>Members per channel id, as conversations.invite adds them (<c>already_in_channel</c> for a second invite).</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> Members { get; } = new();

    public ConcurrentDictionary<string, string> Topics { get; } = new();

    /// <summary>Files by id, from files.getUploadURLExternal through the upload to files.completeUploadExternal.</summary>
    public ConcurrentDictionary<string, SlackUpload> Uploads { get; } = new();

    /// <summary>While set and not completed, POSTs to an upload URL are not answered (a stalled upload).</summary>
    public TaskCompletionSource? UploadsHeld { get; set; }

    /// <summary>The workspace's people for users.info, id → user name; any other id answers <c>user_not_found</c>.</summary>
    public ConcurrentDictionary<string, string> Users { get; } = new(StringComparer.Ordinal) { ["U1"] = "alice" };

    /// <summary>Users conversations.invite answers <c>user_not_found</c> for.</summary>
    public ConcurrentDictionary<string, bool> UnknownUsers { get; } = new();

    /// <summary>While set and not completed, usergroups.users.list does not answer: a command that needs it stays running.</summary>
    public TaskCompletionSource? UserGroupsHeld { get; set; }

    /// <summary>
    /// While set, every Web API call is answered by it instead (an outage: HTTP 500s, 429s) and recorded as
    /// <see cref="SlackCall.Refused"/>; the answer is chosen from the number of calls refused so far.
    /// </summary>
    public Func<HttpContext, int, Task>? Outage { get; set; }

    /// <summary>Answers the next WebSocket of a Socket Mode test (set by the Socket Mode tests).</summary>
    public Func<System.Net.WebSockets.WebSocket, Task>? Socket { get; set; }

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackApi(app);
        app.UseWebSockets();
        app.MapPost("/api/{method}", (HttpContext http, string method) => fake.ApiAsync(http, method));
        app.MapPost("/response/{id}", (HttpContext http, string id) => fake.ResponseAsync(http, id));
        app.MapPost("/upload/{id}", (HttpContext http, string id) => fake.UploadAsync(http, id));
        app.Map("/socket", fake.SocketAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Root = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    public Uri ResponseUrl(string id) => new(Root, $"response/{id}");

    public void Script(string method, Func<HttpContext, Task> answer) =>
        scripted.GetOrAdd(method, _ => new()).Enqueue(answer);

    public void RateLimitNext(string method, int retryAfterSeconds) => Script(method, http =>
    {
        http.Response.StatusCode = 429;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    });

    public void FailNext(string method, string error) =>
        Script(method, http => http.Response.WriteAsJsonAsync(new { ok = false, error }));

    public IReadOnlyList<SlackCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToList();

    public async Task<SlackCall> WaitForAsync(string method, Func<SlackCall, bool>? match = null, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < until)
        {
            var call = Calls.FirstOrDefault(c => c.Method == method && (match?.Invoke(c) ?? true));
            if (call is not null)
            {
                return call;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no {method} call arrived; calls: {string.Join(", ", Calls.Select(c => c.Method))}");
    }

    /// <summary>
    /// The one upload files.completeUploadExternal has shared. Waiting for the call is not enough: it is recorded as it
    /// arrives, before the fake has marked the upload complete and noted where it went.
    /// </summary>
    public async Task<SlackUpload> WaitForCompletedUploadAsync(TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < until)
        {
            if (Uploads.Values.FirstOrDefault(u => u.Completed) is { } upload)
            {
                return upload;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no upload was completed; calls: {string.Join(", ", Calls.Select(c => c.Method))}");
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task ApiAsync(HttpContext http, string method)
    {
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync();
        if (Outage is { } outage)
        {
            calls.Enqueue(new SlackCall(method, http.Request.Headers.Authorization, body) { Refused = true });
            await outage(http, Interlocked.Increment(ref refusedCount));
            return;
        }

        var call = new SlackCall(method, http.Request.Headers.Authorization, body);
        calls.Enqueue(call);
        if (scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var answer))
        {
            await answer(http);
            if (http.Response.StatusCode >= 400)
            {
                refused.Enqueue(call);
            }

            return;
        }

        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer xox", StringComparison.Ordinal) &&
            !http.Request.Headers.Authorization.ToString().StartsWith("Bearer xapp-", StringComparison.Ordinal))
        {
            await http.Response.WriteAsJsonAsync(new { ok = false, error = "not_authed" });
            return;
        }

        object result = method switch
        {
            "chat.postMessage" => new { ok = true, channel = JsonNode.Parse(body)?["channel"]?.GetValue<string>(), ts = NextTs() },
            "conversations.create" => Create(JsonNode.Parse(body)!),
            "conversations.invite" => Invite(JsonNode.Parse(body)!),
            "conversations.open" => new { ok = true, channel = new { id = $"D-{JsonNode.Parse(body)!["users"]!.GetValue<string>()}" } },
            "conversations.setTopic" => SetTopic(JsonNode.Parse(body)!),
            "usergroups.users.list" => await UserGroupAsync(body),
            "users.info" => UserInfo(QueryHelpers.ParseQuery(body)["user"].ToString()),
            "files.getUploadURLExternal" => UploadUrl(QueryHelpers.ParseQuery(body)),
            "files.completeUploadExternal" => CompleteUpload(JsonNode.Parse(body)!),
            "apps.connections.open" => new { ok = true, url = new Uri(Root, "socket").ToString().Replace("http", "ws", StringComparison.Ordinal) },
            _ => new { ok = true },
        };
        await http.Response.WriteAsJsonAsync(result);
    }

    private object Create(JsonNode body)
    {
        var name = body["name"]!.GetValue<string>();
        var id = Channels.IsEmpty ? "C-NEW" : $"C-NEW{Channels.Count + 1}";
        if (!Channels.TryAdd(name, id))
        {
            return new { ok = false, error = "name_taken" };
        }

        Members[id] = new();
        return new { ok = true, channel = new { id, name } };
    }

    private object Invite(JsonNode body)
    {
        var channel = body["channel"]!.GetValue<string>();
        if (!Members.TryGetValue(channel, out var members))
        {
            return new { ok = false, error = "channel_not_found" };
        }

        var users = body["users"]!.GetValue<string>().Split(',');
        if (users.FirstOrDefault(UnknownUsers.ContainsKey) is not null)
        {
            return new { ok = false, error = "user_not_found" };
        }

        if (users.Any(members.ContainsKey))
        {
            return new { ok = false, error = "already_in_channel" };
        }

        foreach (var user in users)
        {
            members[user] = true;
        }

        return new { ok = true, channel = new { id = channel } };
    }

    private object SetTopic(JsonNode body)
    {
        var channel = body["channel"]!.GetValue<string>();
        if (!Members.ContainsKey(channel))
        {
            return new { ok = false, error = "channel_not_found" };
        }

        Topics[channel] = body["topic"]!.GetValue<string>();
        return new { ok = true };
    }

    /// <summary>users.info as Slack documents it: the user object with its profile, or <c>user_not_found</c>.</summary>
    private object UserInfo(string id) => Users.TryGetValue(id, out var name)
        ? new
        {
            ok = true,
            user = new
            {
                id,
                team_id = "T1",
                name,
                deleted = false,
                real_name = name,
                profile = new { real_name = name, display_name = name },
            },
        }
        : new { ok = false, error = "user_not_found" };

    private async Task<object> UserGroupAsync(string body)
    {
        if (UserGroupsHeld is { } held)
        {
            await held.Task;
        }

        var group = QueryHelpers.ParseQuery(body)["usergroup"].ToString();
        return UserGroups.TryGetValue(group, out var users) ? new { ok = true, users } : new { ok = false, error = "no_such_subteam" } as object;
    }

    /// <summary>Form arguments only (Slack's documented content type); filename and a positive length are required.</summary>
    private object UploadUrl(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form)
    {
        var name = form.GetValueOrDefault("filename").ToString();
        if (name.Length == 0 || !long.TryParse(form.GetValueOrDefault("length").ToString(), out var length) || length <= 0)
        {
            return new { ok = false, error = "invalid_arguments" };
        }

        var id = $"F{Uploads.Count + 1:D4}";
        Uploads[id] = new SlackUpload(id, name, length);
        return new { ok = true, upload_url = new Uri(Root, $"upload/{id}").ToString(), file_id = id };
    }

    /// <summary>Every file must have been uploaded with the length announced; the channel (and thread) it is shared to is kept.</summary>
    private object CompleteUpload(JsonNode body)
    {
        var files = body["files"] as JsonArray;
        if (files is null || files.Count == 0)
        {
            return new { ok = false, error = "invalid_arguments" };
        }

        foreach (var file in files)
        {
            var id = file?["id"]?.GetValue<string>() ?? string.Empty;
            if (!Uploads.TryGetValue(id, out var upload) || upload.Bytes is null || upload.Bytes.Length != upload.Length)
            {
                return new { ok = false, error = "file_not_found" };
            }

            upload.Channel = body["channel_id"]?.GetValue<string>();
            upload.ThreadTs = body["thread_ts"]?.GetValue<string>();
            upload.Completed = true;
        }

        return new { ok = true, files = files.Select(f => new { id = f!["id"]!.GetValue<string>(), title = f["title"]?.GetValue<string>() }) };
    }

    private async Task UploadAsync(HttpContext http, string id)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        calls.Enqueue(new SlackCall("upload:" + id, http.Request.Headers.Authorization, $"{buffer.Length} bytes"));
        if (UploadsHeld is { } held)
        {
            await held.Task;
        }

        if (!Uploads.TryGetValue(id, out var upload))
        {
            http.Response.StatusCode = 404;
            return;
        }

        upload.Bytes = buffer.ToArray();
        upload.UploadAuthorization = http.Request.Headers.Authorization.ToString();
        await http.Response.WriteAsync($"OK - {buffer.Length}");
    }

    private async Task ResponseAsync(HttpContext http, string id)
    {
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync();
        calls.Enqueue(new SlackCall("response:" + id, null, body));
        await http.Response.WriteAsync("ok");
    }

    private async Task SocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest || Socket is null)
        {
            http.Response.StatusCode = 400;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await Socket(socket);
    }

    private string NextTs()
    {
        var next = Interlocked.Increment(ref ts);
        return $"{next / 1_000_000}.{next % 1_000_000:D6}";
    }
}
