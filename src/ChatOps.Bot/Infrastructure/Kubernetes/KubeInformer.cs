using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Models;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>How an informer lists (items and the list's resourceVersion) and watches from a resourceVersion.</summary>
public sealed record InformerSource<T>(
    string Resource,
    Func<CancellationToken, Task<(IList<T> Items, string Version)>> List,
    Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> Watch);

/// <summary>
/// One kind in one namespace kept in memory as client-go's informer keeps it: list, then watch from the list's
/// resourceVersion; a watch the server ends or that breaks is resumed from the last version seen, and one too old to
/// resume (410 Gone) starts over with a fresh list. <see cref="IsFresh"/> is false until the first list and once the
/// watch has been lost for longer than the bound, so a reader can fall back to the API server.
/// </summary>
public sealed class KubeInformer<T>(InformerSource<T> source, CacheLimits limits, TimeProvider clock, ILogger logger)
    where T : IKubernetesObject<V1ObjectMeta>
{
    private ConcurrentDictionary<string, T> _items = new(StringComparer.Ordinal);
    private volatile bool _synced;
    private volatile bool _watching;
    private long _lostAt;

    public string Resource => source.Resource;

    public int Relists { get; private set; }

    /// <summary>False from a lost watch until a resumed one delivers again.</summary>
    public bool IsWatching => _watching;

    /// <summary>Listed, and watching or not yet without a watch for longer than the bound.</summary>
    public bool IsFresh => _synced && (_watching || clock.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _lostAt), TimeSpan.Zero) <= limits.StaleAfter);

    public T? Get(string name) => _items.TryGetValue(name, out var item) ? item : default;

    /// <summary>
    /// What the cache holds, read without locking: <c>Values</c> would take every lock of the table and copy it, on each
    /// <c>status</c>, against the watch writing into it. Like a status from the API server, it is not one instant: an
    /// object the watch replaces meanwhile may be read in either version. A struct, so a <c>foreach</c> over it makes only
    /// the table's own enumerator (three per <c>status</c>).
    /// </summary>
    public CachedItems<T> All => new(_items);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await ListAsync(cancellationToken) is { } version)
                {
                    await WatchUntilGoneAsync(version, cancellationToken);
                    continue;
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Lost();
                logger.LogWarning("watch cache: listing {Resource} failed ({Error}); reads go to the API server until it succeeds", source.Resource, ex.Message);
            }

            await Task.Delay(limits.Retry, clock, cancellationToken);
        }
    }

    /// <summary>The list's resourceVersion, or null when the namespace holds more than the cache may keep.</summary>
    private async Task<string?> ListAsync(CancellationToken cancellationToken)
    {
        var (items, version) = await source.List(cancellationToken);
        if (items.Count > limits.MaxObjects)
        {
            _synced = false;
            logger.LogWarning("watch cache: {Count} {Resource} exceed WatchCacheMaxObjects {Max}; they are read from the API server", items.Count, source.Resource, limits.MaxObjects);
            return null;
        }

        // Swapped whole, so a reader sees the old list or the new one, never half of each.
        _items = new ConcurrentDictionary<string, T>(items.Select(i => KeyValuePair.Create(i.Metadata.Name, i)), StringComparer.Ordinal);
        Relists++;
        (_synced, _watching) = (true, true);
        return version;
    }

    private async Task WatchUntilGoneAsync(string version, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Exception? error = null;
            try
            {
                // Trusted again only once the resumed watch delivers (an event or a bookmark) or ends as the server
                // ends a healthy one: a watch that is refused on every retry must not keep the cache fresh.
                await foreach (var (type, item) in source.Watch(version, e => error ??= e, cancellationToken))
                {
                    version = Apply(type, item) ?? version;
                    _watching = true;
                }

                _watching |= error is null;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is IOException or HttpRequestException or OperationCanceledException or k8s.Autorest.HttpOperationException)
            {
                error = ex;
            }

            if (error is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
            {
                Lost();
                logger.LogInformation("watch cache: the {Resource} watch is too old to resume (410 Gone); listing again", source.Resource);
                return;
            }

            if (error is not null)
            {
                Lost();
                logger.LogWarning("watch cache: the {Resource} watch broke ({Error}); resuming from {Version}", source.Resource, error.Message, version);
                await Task.Delay(limits.Retry, clock, cancellationToken);
            }
        }
    }

    private string? Apply(WatchEventType type, T item)
    {
        if (type is WatchEventType.Added or WatchEventType.Modified)
        {
            _items[item.Metadata.Name] = item;
        }
        else if (type is WatchEventType.Deleted)
        {
            _items.TryRemove(item.Metadata.Name, out _);
        }

        if (_items.Count > limits.MaxObjects)
        {
            _synced = false;
            throw new InvalidOperationException($"more than {limits.MaxObjects} {source.Resource}");
        }

        return type is WatchEventType.Bookmark or WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted ? item.Metadata?.ResourceVersion : null;
    }

    private void Lost()
    {
        if (_watching)
        {
            _watching = false;
            Interlocked.Exchange(ref _lostAt, clock.GetUtcNow().UtcTicks);
        }
    }
}

/// <summary>Bounded memory and trust: how many objects per kind, how long without a watch, how long between retries.</summary>
public sealed record CacheLimits(int MaxObjects, TimeSpan StaleAfter, TimeSpan Retry);
