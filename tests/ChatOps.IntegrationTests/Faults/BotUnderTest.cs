using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.IntegrationTests.Slack;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>
/// The bot as a real process (<see cref="BotProcess"/>, HTTP host) with Slack pointed at a <see cref="FakeSlackApi"/>
/// and cluster "prod" (production: dangerous changes need approval) at a Kubernetes test server, so a test can
/// SIGKILL or SIGTERM it and start it again on the same SQLite file.
/// </summary>
public sealed class BotUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly FakeSlackApi _slack;
    private int _responses;

    private BotUnderTest(Process process, HttpClient http, FakeSlackApi slack)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
        Http = http;
        _slack = slack;
    }

    public HttpClient Http { get; }

    public int Pid => _process.Id;

    public static async Task<BotUnderTest> StartAsync(string dataDirectory, FakeSlackApi slack, KubeTestCluster cluster)
    {
        var port = BotProcess.FreePort();
        // The bot's own process, not `dotnet run` in front of it: a signal must reach the bot itself.
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = BotProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(BotProcess.RepositoryRoot, "src", "ChatOps.Bot", "bin", BotProcess.Configuration, "net10.0", "ChatOps.Bot.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var env = info.Environment;
        env["ChatOps__Store__ConnectionString"] = $"Data Source={Path.Combine(dataDirectory, "chatops.db")}";
        env["DOTNET_NOLOGO"] = "1";
        env["ChatOps__Slack__SigningSecret"] = SlackBotHost.Secret;
        env["ChatOps__Slack__BotToken"] = "xoxb-fake";
        env["ChatOps__Slack__ApiBaseUrl"] = slack.ApiBaseUrl.ToString();
        env["ChatOps__Slack__AllowedTeamIds__0"] = SlackBotHost.Team;
        env["ChatOps__Slack__AuditChannel"] = "C-AUDIT";
        env["ChatOps__Slack__AckBudget"] = "00:00:00.300";
        env["ChatOps__Outbox__PollInterval"] = "00:00:00.100";
        env["ChatOps__Outbox__MaxBackoff"] = "00:00:01";
        env["ChatOps__Audit__OrphanAfter"] = "00:00:00";
        env["ChatOps__Roles__Bindings__10__Subject"] = "slack:U-ALICE";
        env["ChatOps__Roles__Bindings__10__Role"] = "admin";
        env["ChatOps__Roles__Bindings__11__Subject"] = "slack:U-BOB";
        env["ChatOps__Roles__Bindings__11__Role"] = "admin";
        env["ChatOps__Clusters__prod__Kubeconfig"] = cluster.Kubeconfig;
        env["ChatOps__Clusters__prod__Production"] = "true";
        env["ChatOps__Clusters__prod__DefaultNamespace"] = KubeTestCluster.Ns;
        var process = Process.Start(info)!;
        var http = new HttpClient(new SlackSigningHandler(SlackBotHost.Secret)) { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
        var bot = new BotUnderTest(process, http, slack);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return bot;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until && !process.HasExited)
            {
            }

            if (DateTime.UtcNow > until || process.HasExited)
            {
                await bot.DisposeAsync();
                throw new InvalidOperationException($"the bot did not become ready: {await bot._stderr}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Sends the command; returns the immediate answer and the response_url id a slow answer will use.</summary>
    public async Task<(string Immediate, string ResponseId)> SendAsync(string text, string user = "U-ALICE")
    {
        var (message, responseId) = await SendMessageAsync(text, user);
        return (message["text"]!.GetValue<string>(), responseId);
    }

    private async Task<(JsonNode Message, string ResponseId)> SendMessageAsync(string text, string user)
    {
        var responseId = $"p{_process.Id}-{Interlocked.Increment(ref _responses)}";
        var response = await Http.PostAsync(new Uri("/slack/commands", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["team_id"] = SlackBotHost.Team,
            ["channel_id"] = "C-OPS",
            ["user_id"] = user,
            ["user_name"] = user.ToLowerInvariant(),
            ["command"] = "/ops",
            ["text"] = text,
            ["response_url"] = _slack.ResponseUrl(responseId).ToString(),
        }));
        response.EnsureSuccessStatusCode();
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!, responseId);
    }

    /// <summary>Everything the final answer shows (<see cref="Slack.SlackShown"/>): its tables and fields too.</summary>
    public async Task<string> ShownAsync(string text, string user = "U-ALICE")
    {
        var (message, id) = await SendMessageAsync(text, user);
        return Slack.SlackShown.Of(message["text"]!.GetValue<string>().StartsWith("Working on", StringComparison.Ordinal)
            ? (await _slack.WaitForAsync($"response:{id}", timeout: TimeSpan.FromSeconds(60))).Json!
            : message);
    }

    /// <summary>The final answer, from the response body or, for a slow command, from response_url.</summary>
    public async Task<string> AnswerAsync(string text, string user = "U-ALICE")
    {
        var (immediate, id) = await SendAsync(text, user);
        return await FinalAsync(immediate, id);
    }

    public async Task<string> FinalAsync(string immediate, string responseId) =>
        immediate.StartsWith("Working on", StringComparison.Ordinal)
            ? (await _slack.WaitForAsync($"response:{responseId}", timeout: TimeSpan.FromSeconds(60))).Json!["text"]!.GetValue<string>()
            : immediate;

    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public void Terminate() =>
        Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    public async Task<int> WaitForExitAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async Task<string> LogAsync() => await _stdout + await _stderr;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
