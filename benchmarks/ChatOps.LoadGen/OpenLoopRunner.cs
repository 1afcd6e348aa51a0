using System.Diagnostics;

namespace ChatOps.LoadGen;

/// <summary>
/// Sends request i at t0 + i / rate whatever happened to earlier ones. Answers are awaited concurrently; when more
/// than <paramref name="maxOutstanding"/> are in flight, a due request is dropped and counted as an error instead of
/// being delayed, which would quietly lower the offered rate.
/// </summary>
public sealed class OpenLoopRunner(HttpClient client, IRequestSource source, OpenLoopSchedule schedule, int maxOutstanding, string name)
{
    private const byte Succeeded = 1, NonSuccess = 2, TimedOut = 3, Failed = 4, Dropped = 5;

    private int _outstanding;

    public async Task<RunReport> RunAsync()
    {
        var count = checked((int)schedule.Count);
        var latency = new TimeSpan[count];
        var sendLag = new TimeSpan[count];
        var outcome = new byte[count];
        var inFlight = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = schedule.DueAt(i);
            Pacer.WaitUntil(start, due);
            sendLag[i] = Stopwatch.GetElapsedTime(start) - due;
            if (Volatile.Read(ref _outstanding) >= maxOutstanding)
            {
                outcome[i] = Dropped;
                continue;
            }

            Interlocked.Increment(ref _outstanding);
            inFlight.Add(SendAsync(i, due, start, latency, outcome));
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        // The schedule spans the whole duration even though its last request is due 1/rate before the end: a bot that
        // keeps up shows the offered rate, one that falls behind a lower one.
        var elapsed = Stopwatch.GetElapsedTime(start);
        elapsed = elapsed > schedule.Duration ? elapsed : schedule.Duration;
        return new RunReport(
            name, schedule.Rate, count,
            Succeeded: outcome.Count(o => o == Succeeded), NonSuccess: outcome.Count(o => o == NonSuccess),
            TimedOut: outcome.Count(o => o == TimedOut), Failed: outcome.Count(o => o == Failed),
            Dropped: outcome.Count(o => o == Dropped), elapsed,
            new LatencySummary(latency.Where((_, i) => outcome[i] is Succeeded or NonSuccess)),
            new LatencySummary(sendLag));
    }

    private async Task SendAsync(int index, TimeSpan due, long start, TimeSpan[] latency, byte[] outcome)
    {
        try
        {
            using var request = source.Create(index);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            latency[index] = Stopwatch.GetElapsedTime(start) - due;
            outcome[index] = response.IsSuccessStatusCode ? Succeeded : NonSuccess;
        }
        catch (TaskCanceledException)
        {
            outcome[index] = TimedOut;
        }
        catch (HttpRequestException)
        {
            outcome[index] = Failed;
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
        }
    }
}
