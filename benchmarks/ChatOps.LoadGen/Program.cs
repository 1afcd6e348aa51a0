using ChatOps.LoadGen;

// Open-loop fixed-rate HTTP load (wrk2's method; wrk2 is not in Debian). See docs/performance.md, "Load harness".
LoadGenArguments arguments;
IRequestSource source;
try
{
    arguments = LoadGenArguments.Parse(args);
    source = arguments.RequestsFile is null
        ? new GetRequestSource(arguments.Url)
        : SignedSlackRequestSource.Parse(arguments.Url, File.ReadLines(arguments.RequestsFile), DateTimeOffset.UtcNow, arguments.Duration + arguments.Timeout);
}
catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"loadgen: {e.Message}");
    Console.Error.WriteLine(LoadGenArguments.Usage);
    return 2;
}

using var handler = new SocketsHttpHandler
{
    // One connection per outstanding request at most: HTTP/1.1 cannot pipeline, so the pool is the concurrency cap.
    MaxConnectionsPerServer = arguments.MaxOutstanding,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseCookies = false,
    UseProxy = false,
    AllowAutoRedirect = false,
};
using var client = new HttpClient(handler) { Timeout = arguments.Timeout };

// The generator's own JIT and first connections would otherwise land on the first measured requests.
const int warmUp = 20;
for (var i = 0; i < warmUp; i++)
{
    using var request = source.Create(i);
    try
    {
        using var response = await client.SendAsync(request).ConfigureAwait(false);
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        Console.Error.WriteLine($"loadgen: {arguments.Url} does not answer: {e.Message}");
        return 1;
    }
}

var schedule = new OpenLoopSchedule(arguments.Rate, arguments.Duration);
var report = await new OpenLoopRunner(client, source, schedule, arguments.MaxOutstanding, arguments.Name).RunAsync().ConfigureAwait(false);
foreach (var line in report.HumanLines())
{
    Console.WriteLine(line);
}

Console.WriteLine(report.ResultLine());
return report.Answered > 0 ? 0 : 1;
