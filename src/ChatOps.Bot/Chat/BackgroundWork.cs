using System.Collections.Concurrent;

namespace ChatOps.Bot.Chat;

/// <summary>
/// Work that outlives the chat request that started it: a Slack command after the 3-second ack, a click, a mention;
/// every Teams command (the Connector wants a prompt 200 and the answer goes out through its API). Its token is tied
/// to shutdown, not to the request; shutdown waits for it (within the host's timeout) and only then cancels the rest.
/// </summary>
public sealed class BackgroundWork(ILogger<BackgroundWork> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    public int Count => _running.Count;

    /// <summary>Starts <paramref name="work"/> off the request thread and tracks it until it ends.</summary>
    public Task<T> Start<T>(Func<CancellationToken, Task<T>> work)
    {
        var task = Task.Run(() => work(_stopping.Token));
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

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Shutdown timeout reached with {Count} chat replies still running", _running.Count);
        }
        catch (Exception)
        {
            // Failures were logged where they happened.
        }
        finally
        {
            await _stopping.CancelAsync();
        }
    }

    public void Dispose() => _stopping.Dispose();

    private void Track(Task task)
    {
        _running[task] = true;
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
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
