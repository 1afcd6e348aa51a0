using System.Net;
using System.Security.Cryptography;

namespace ChatOps.Bot.Hosting.Sandbox;

/// <summary>
/// The sandbox's only door: a loopback listener that forwards a request to the simulated API server when it carries
/// the record's bearer token, and answers 401 otherwise. Responses stream through, so watches keep working.
/// </summary>
internal sealed class SandboxGate : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;

    private SandboxGate(WebApplication app, HttpClient upstream, int port)
    {
        _app = app;
        _upstream = upstream;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SandboxGate> StartAsync(Uri upstream, string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var client = new HttpClient { BaseAddress = upstream, Timeout = Timeout.InfiniteTimeSpan };
        var expected = Encoding.UTF8.GetBytes($"Bearer {token}");
        app.Run(context => Forward(context, client, expected));
        await app.StartAsync();
        var address = app.Urls.First();
        return new SandboxGate(app, client, new Uri(address).Port);
    }

    private static async Task Forward(HttpContext context, HttpClient upstream, byte[] expected)
    {
        var presented = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
        if (!CryptographicOperations.FixedTimeEquals(presented, expected))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""",
                context.RequestAborted);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), $"{context.Request.Path}{context.Request.QueryString}");
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        request.Headers.TryAddWithoutValidation("User-Agent", context.Request.Headers.UserAgent.ToString());
        request.Headers.TryAddWithoutValidation("Accept", context.Request.Headers.Accept.ToString());
        using var response = await upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        await body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
