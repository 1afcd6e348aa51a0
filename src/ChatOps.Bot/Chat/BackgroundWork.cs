namespace ChatOps.Bot.Chat;

/// <summary>
/// Work that outlives the chat request that started it: a Slack command after the 3-second ack, a click, a mention;
/// every Teams command (the Connector wants a prompt 200 and the answer goes out through its API). Its token is tied
/// to shutdown, not to the request; shutdown waits for it (within the host's timeout) and only then cancels the rest.
/// </summary>
public sealed class BackgroundWork(ILogger<BackgroundWork> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action? _ended;
    private int _running;
    private int _stopRequested;

    public int Count => Volatile.Read(ref _running);

    /// <summary>Starts <paramref name="work"/> off the request thread and tracks it until it ends.</summary>
    public Task<T> Start<T>(Func<CancellationToken, Task<T>> work)
    {
        var task = RunAsync(work, _stopping.Token);
        Track(task);
        return task;
    }

    /// <summary>Fire-and-forget with a log line instead of an unobserved exception.</summary>
    public void Run(string what, Func<CancellationToken, Task> work) =>
        Track(Task.Run(async () =>
        {
            try
            {
                await work(_stopping.Token);
            }
            catch (Exception ex)
            {
                logger.LogWarning("{Work} failed: {Reason}", what, ex.Message);
            }
        }));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// What Task.Run(() => work(token)) does, in one state machine instead of a closure, a delegate, an outer task and
    /// its unwrapping promise: every chat command starts here. The yield leaves the request thread before any of the
    /// work runs.
    /// </summary>
    private static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken token)
    {
        await Task.Yield();
        return await work(token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Both this and Ended pass a full fence between their write and their read, so one of them sees the zero.
            Interlocked.Exchange(ref _stopRequested, 1);
            if (Count == 0)
            {
                _drained.TrySetResult();
            }

            await _drained.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Shutdown timeout reached with {Count} chat replies still running", Count);
        }
        finally
        {
            await _stopping.CancelAsync();
        }
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>
    /// Counted, not kept: every chat command comes through here, and a set of tasks with a removal continuation per task
    /// cost about 0.5 KB per command (issue 19). A task's first await continuation is stored as the delegate itself.
    /// </summary>
    private void Track(Task task)
    {
        Interlocked.Increment(ref _running);
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_ended ??= Ended);
    }

    private void Ended()
    {
        if (Interlocked.Decrement(ref _running) == 0 && Volatile.Read(ref _stopRequested) == 1)
        {
            _drained.TrySetResult();
        }
    }
}

public static class BackgroundWorkServices
{
    /// <summary>One runner for every chat adapter, registered once however many adapters ask for it.</summary>
    public static IServiceCollection AddChatBackgroundWork(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(BackgroundWork)))
        {
            services.AddSingleton<BackgroundWork>();
            services.AddSingleton<AckDeadlines>();
            services.AddSingleton<BusyReplies>();
            services.AddHostedService(sp => sp.GetRequiredService<BackgroundWork>());
        }

        return services;
    }
}
