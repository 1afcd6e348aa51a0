using System.Diagnostics;
using System.Text;
using ChatOps.IntegrationTests.Slack;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Replicas;

/// <summary>One bot replica as a real process (<c>dotnet run</c>), serving HTTP on a loopback port, its output kept for diagnosis.</summary>
public sealed class ReplicaProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TempDirectory _data;

    private ReplicaProcess(Process process, TempDirectory data, Uri address)
    {
        _process = process;
        _data = data;
        Http = new HttpClient(new SlackSigningHandler(SlackBotHost.Secret)) { BaseAddress = address };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ReplicaProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var data = new TempDirectory();
        var port = BotProcess.FreePort();
        var info = BotProcess.StartInfo(data.Path, "--urls", $"http://127.0.0.1:{port}");
        info.RedirectStandardInput = false;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var replica = new ReplicaProcess(Process.Start(info)!, data, new Uri($"http://127.0.0.1:{port}"));
        await replica.WaitReadyAsync(TimeSpan.FromSeconds(90));
        return replica;
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> form) =>
        Http.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _data.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            try
            {
                using var ready = await Http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"replica did not become ready: {Output}");
    }
}
