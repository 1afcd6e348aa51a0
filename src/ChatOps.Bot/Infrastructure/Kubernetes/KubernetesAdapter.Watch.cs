using System.Net;
using System.Runtime.CompilerServices;
using ChatOps.Bot.Features.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

public sealed partial class KubernetesAdapter
{
    /// <summary>How long the server keeps one watch open before it ends it and the next is opened (kubectl asks for 5–10 minutes).</summary>
    public const int WatchSeconds = 300;

    /// <summary>Watches in a row that the server ended without a single event before we stop trusting it to stream.</summary>
    public const int EmptyWatchesAllowed = 3;

    /// <summary>
    /// get the deployment, then watch it (fieldSelector metadata.name) from that read's resourceVersion, as
    /// <c>kubectl rollout status -w</c> does. A watch the server ends is opened again from the last version seen; one
    /// too old to resume (410 Expired) starts over from a fresh read.
    /// </summary>
    public async IAsyncEnumerable<DeploymentView> WatchDeploymentAsync(KubeTarget target, string deployment, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = await ReadDeployment(target, deployment, cancellationToken);
        yield return KubeViews.Deployment(first);
        var version = first.Metadata.ResourceVersion;
        for (var empty = 0; empty < EmptyWatchesAllowed;)
        {
            Exception? error = null;
            var events = clients.For(target.Cluster).AppsV1.WatchListNamespacedDeploymentAsync(target.Namespace,
                fieldSelector: $"metadata.name={deployment}", resourceVersion: version, timeoutSeconds: WatchSeconds,
                onError: e => error ??= e, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
            var delivered = false;
            await using (events)
            {
                while (await NextAsync(events, target, deployment, cancellationToken))
                {
                    var (type, d) = events.Current;
                    if (type == WatchEventType.Deleted)
                    {
                        throw new KubernetesFailure(KubernetesFailureKind.NotFound, $"deployment {deployment} was deleted from {target} while its rollout was followed");
                    }

                    (delivered, version) = (true, d.Metadata.ResourceVersion);
                    if (type is WatchEventType.Added or WatchEventType.Modified)
                    {
                        yield return KubeViews.Deployment(d);
                    }
                }
            }

            empty = delivered ? 0 : empty + 1;
            if (error is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
            {
                var current = await ReadDeployment(target, deployment, cancellationToken);
                version = current.Metadata.ResourceVersion;
                yield return KubeViews.Deployment(current);
            }
        }

        throw new KubernetesFailure(KubernetesFailureKind.WatchUnavailable,
            $"the API server of cluster {target.Cluster} ended {EmptyWatchesAllowed} watches of deployment {deployment} in a row without an event");
    }

    /// <summary>
    /// The next event, or false when the server ended the stream or the connection broke (the end of one watch, not of
    /// the wait). A watch the server refuses to open (405 where watch is not served, 403 where the role lacks it) is
    /// <see cref="KubernetesFailureKind.WatchUnavailable"/>.
    /// </summary>
    private static async Task<bool> NextAsync(IAsyncEnumerator<(WatchEventType, V1Deployment)> events, KubeTarget target, string deployment, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpOperationException or HttpRequestException)
        {
            var why = ex is HttpOperationException h ? $"the server answered {(int?)h.Response?.StatusCode}" : ex.Message;
            throw new KubernetesFailure(KubernetesFailureKind.WatchUnavailable, $"cannot watch deployment {deployment} in {target} ({why})", ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
