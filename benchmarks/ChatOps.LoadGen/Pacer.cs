using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ChatOps.LoadGen;

/// <summary>
/// Sleeps the sending thread until a request is due. Thread.Sleep only has whole milliseconds, which at 1,000 req/s
/// would send in bursts a millisecond late; usleep on Linux wakes within tens of microseconds, without spinning a
/// core away from the server being measured. Lateness still left is charged to the request's latency.
/// </summary>
internal static partial class Pacer
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromMilliseconds(500);

    public static void WaitUntil(long startTimestamp, TimeSpan due)
    {
        while (true)
        {
            var remaining = due - Stopwatch.GetElapsedTime(startTimestamp);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            var step = remaining < MaxSleep ? remaining : MaxSleep;
            if (OperatingSystem.IsLinux())
            {
                _ = USleep((uint)Math.Max(1, step.Ticks / TimeSpan.TicksPerMicrosecond));
            }
            else
            {
                Thread.Sleep(Math.Max(1, (int)step.TotalMilliseconds));
            }
        }
    }

    [DllImport("libc", EntryPoint = "usleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int USleep(uint microseconds);
}
