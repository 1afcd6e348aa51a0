using System.Collections;
using System.Collections.Concurrent;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>The objects an informer holds, enumerated without locking (see <see cref="KubeInformer{T}.All"/>).</summary>
public readonly struct CachedItems<T>(ConcurrentDictionary<string, T> items) : IEnumerable<T>
{
    public Enumerator GetEnumerator() => new(items.GetEnumerator());

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator(IEnumerator<KeyValuePair<string, T>> pairs) : IEnumerator<T>
    {
        public readonly T Current => pairs.Current.Value;

        readonly object? IEnumerator.Current => Current;

        public readonly bool MoveNext() => pairs.MoveNext();

        public readonly void Reset() => pairs.Reset();

        public readonly void Dispose() => pairs.Dispose();
    }
}
