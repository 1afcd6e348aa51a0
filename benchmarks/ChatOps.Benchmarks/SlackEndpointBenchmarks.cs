using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Kubernetes;
using ChatOps.SimCluster;
using ChatOps.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Benchmarks;

/// <summary>
/// Issue 19 goal 1: one signed <c>POST /slack/commands</c> (<c>help</c>, and <c>whoami</c> for a short answer) over
/// the whole HTTP path, in process: Kestrel on loopback, signature check, admission, delivery claim, parse, pipeline,
/// the durable audit append (SQLite group commit, as the default host runs it) and the answer written back. The host
/// is built as Program builds it (AddChatOps / MapChatOps, the repository's appsettings.json). The client signs each
/// request into one reused buffer (a fresh trigger id, so no two are the same delivery) and reads the answer into
/// another, on one keep-alive socket, so what [MemoryDiagnoser] counts — the whole process — is the bot's.
/// <c>status</c> reads the watch cache (issue 19 goal 3) of a loopback test API server in the same process; the cache
/// is filled before the first request, so what is measured is the answer from memory, not the API server.
/// </summary>
[MemoryDiagnoser]
public class SlackEndpointBenchmarks
{
    private const string Secret = "bench-signing-secret";
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(Secret);
    private readonly byte[] _request = new byte[4096];
    private readonly byte[] _body = new byte[1024];
    private readonly byte[] _response = new byte[256 * 1024];
    private readonly string _nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private const string Ns = "urbanos";
    private const string Deployment = "urbanos-service-billing";
    private KubeApiServer _kube = null!;
    private WebApplication _app = null!;
    private Socket _socket = null!;
    private string _dir = null!;
    private long _trigger;

    /// <summary>The running host's services, for probes that call a port directly.</summary>
    public IServiceProvider Services => _app.Services;

    public string StoreConnectionString => $"Data Source={Path.Combine(_dir, "chatops.db")}";

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("chatops-slack-bench-").FullName;
        _kube = KubeApiServer.StartAsync().GetAwaiter().GetResult();
        _kube.Seed.Deployment(Ns, Deployment, 3, "registry/billing:1", "registry/billing:2");
        var kubeconfig = _kube.WriteKubeconfig(Path.Combine(_dir, "kubeconfig"), Ns);
        var builder = ChatOps.Bot.Hosting.WebHost.CreateBuilder(["--urls", "http://127.0.0.1:0"], RepositoryRoot.Path);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatOps:Store:Provider"] = "Sqlite",
            ["ChatOps:Store:ConnectionString"] = StoreConnectionString,
            ["ChatOps:Slack:SigningSecret"] = Secret,
            ["ChatOps:Slack:AllowedTeamIds:0"] = "T-BENCH",
            ["ChatOps:RateLimits:PerUser:PermitLimit"] = "100000",
            ["ChatOps:RateLimits:PerUser:Window"] = "00:00:01",
            ["ChatOps:Roles:Bindings:10:Subject"] = "slack:U-BENCH",
            ["ChatOps:Roles:Bindings:10:Role"] = "viewer",
            ["ChatOps:Clusters:local:Kubeconfig"] = kubeconfig,
            ["ChatOps:Clusters:local:DefaultNamespace"] = Ns,
            ["ChatOps:Clusters:local:WatchCache"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        builder.AddChatOps();
        _app = builder.Build();
        _app.MapChatOps();
        _app.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(new IPEndPoint(IPAddress.Loopback, address.Port));
        Expect("help", "whoami");
        var cache = _app.Services.GetRequiredService<KubeCache>();
        for (var i = 0; i < 600 && cache.Peek(new("local", Ns))?.IsFresh != true; i++)
        {
            Thread.Sleep(50);
        }

        Expect($"status {Deployment}", "registry/billing:2");
    }

    private void Expect(string command, string part)
    {
        var answer = Encoding.UTF8.GetString(_response, 0, Send(command));
        if (!answer.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) || !answer.Contains(part, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the bot did not answer {command}: {answer[..Math.Min(answer.Length, 400)]}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _socket.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _kube.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The ≈ 7 KB help listing as the ephemeral answer.</summary>
    [Benchmark(Baseline = true)]
    public int SlashCommandHelp() => Send("help");

    /// <summary>A short answer: what the pipeline and the audit append cost without the long listing.</summary>
    [Benchmark]
    public int SlashCommandWhoAmI() => Send("whoami");

    /// <summary>A deployment's status from the watch cache, as the Slack card.</summary>
    [Benchmark]
    public int SlashCommandStatus() => Send($"status {Deployment}");

    /// <summary>Signs and sends one slash command; returns the bytes of the whole answer (headers and body).</summary>
    private int Send(string text)
    {
        var trigger = ++_trigger;
        var body = _body.AsSpan();
        var n = Append(body, 0, "team_id=T-BENCH&channel_id=C-BENCH&user_id=U-BENCH&user_name=bench&command=%2Fops&text=");
        n = Append(body, n, text);
        n = Append(body, n, "&response_url=http%3A%2F%2F127.0.0.1%3A9%2Funused&trigger_id=");
        Utf8Formatter.TryFormat(trigger, body[n..], out var w);
        n += w;
        body[n++] = (byte)'.';
        n = Append(body, n, _nonce);
        var bodyLength = n;

        // v0:{timestamp}:{body}, signed with HMAC-SHA256 into the headers.
        Span<byte> stamp = stackalloc byte[20];
        Utf8Formatter.TryFormat(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), stamp, out var stampLength);
        Span<byte> basis = stackalloc byte[3 + 20 + 1 + 1024];
        var b = Append(basis, 0, "v0:");
        stamp[..stampLength].CopyTo(basis[b..]);
        b += stampLength;
        basis[b++] = (byte)':';
        body[..bodyLength].CopyTo(basis[b..]);
        b += bodyLength;
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(Key, basis[..b], mac);

        var r = _request.AsSpan();
        var m = Append(r, 0, "POST /slack/commands HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Slack-Request-Timestamp: ");
        stamp[..stampLength].CopyTo(r[m..]);
        m += stampLength;
        m = Append(r, m, "\r\nX-Slack-Signature: v0=");
        foreach (var x in mac)
        {
            r[m++] = Hex(x >> 4);
            r[m++] = Hex(x & 0xF);
        }

        m = Append(r, m, "\r\nContent-Length: ");
        Utf8Formatter.TryFormat(bodyLength, r[m..], out w);
        m += w;
        m = Append(r, m, "\r\n\r\n");
        body[..bodyLength].CopyTo(r[m..]);
        m += bodyLength;
        _socket.Send(r[..m]);
        return Receive();
    }

    /// <summary>Reads one HTTP/1.1 response, Content-Length or chunked, into the reused buffer.</summary>
    private int Receive()
    {
        var length = 0;
        var headerEnd = -1;
        while (true)
        {
            var read = _socket.Receive(_response.AsSpan(length));
            if (read == 0)
            {
                throw new InvalidOperationException("the bot closed the connection");
            }

            length += read;
            var span = _response.AsSpan(0, length);
            if (headerEnd < 0)
            {
                headerEnd = span.IndexOf("\r\n\r\n"u8);
                if (headerEnd < 0)
                {
                    continue;
                }

                headerEnd += 4;
            }

            if (Complete(span, headerEnd))
            {
                return length;
            }
        }
    }

    private static bool Complete(ReadOnlySpan<byte> response, int headerEnd)
    {
        var headers = response[..headerEnd];
        var at = headers.IndexOf("Content-Length: "u8);
        if (at >= 0)
        {
            var value = headers[(at + 16)..];
            Utf8Parser.TryParse(value, out int contentLength, out _);
            return response.Length - headerEnd >= contentLength;
        }

        return response.EndsWith("\r\n0\r\n\r\n"u8);
    }

    private static int Append(Span<byte> to, int at, string ascii) => at + Encoding.ASCII.GetBytes(ascii, to[at..]);

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
