using System.Net;
using ChatOps.Bot.Features.Kubernetes;
using k8s.Autorest;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>
/// Runs one API call with the cluster's deadline and turns every expected failure into a one-line
/// <see cref="KubernetesFailure"/>: what, where, and what to do about it.
/// </summary>
public static class KubeCalls
{
    /// <summary>What one call does, in RBAC terms (verb, resource) and in words ("deployment x").</summary>
    public sealed record Action(string Verb, string Resource, string What);

    public const int ConflictAttempts = 3;

    public static async Task<T> Run<T>(KubeTarget target, TimeSpan timeout, Action action, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var what = action.What;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await call(deadline.Token);
        }
        catch (HttpOperationException ex)
        {
            throw Map(ex, target, action);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KubernetesFailure(KubernetesFailureKind.Timeout,
                $"cluster {target.Cluster} did not answer within {timeout.TotalSeconds:0.#}s ({what}); nothing was changed by this call", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new KubernetesFailure(KubernetesFailureKind.Unreachable,
                $"cannot reach the API server of cluster {target.Cluster} ({ex.HttpRequestError switch { HttpRequestError.ConnectionError => "connection refused or failed", HttpRequestError.NameResolutionError => "name not resolved", _ => ex.Message }}); nothing was changed", ex);
        }
    }

    /// <summary>Optimistic concurrency: a 409 means someone else wrote first; re-read and try again, a few times.</summary>
    public static async Task<T> RetryOnConflict<T>(KubeTarget target, string what, Func<Task<T>> attempt)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (KubernetesFailure f) when (f.Kind == KubernetesFailureKind.Conflict && i < ConflictAttempts)
            {
                // someone changed the object between our read and our write: read it again
            }
            catch (KubernetesFailure f) when (f.Kind == KubernetesFailureKind.Conflict)
            {
                throw new KubernetesFailure(KubernetesFailureKind.Conflict,
                    $"{what} in {target} kept changing under us ({ConflictAttempts} conflicts in a row); nothing was changed, try again", f);
            }
        }
    }

    private static KubernetesFailure Map(HttpOperationException ex, KubeTarget target, Action action)
    {
        var what = action.What;
        var message = Message(ex.Response?.Content);
        return ex.Response?.StatusCode switch
        {
            HttpStatusCode.NotFound => new(KubernetesFailureKind.NotFound, $"{what} not found in namespace {target.Namespace} on cluster {target.Cluster}", ex),
            HttpStatusCode.Forbidden => new(KubernetesFailureKind.Forbidden,
                $"the bot's service account is forbidden to {action.Verb} {action.Resource} in namespace {target.Namespace} on cluster {target.Cluster}; grant it in manifests/rbac.yaml", ex),
            HttpStatusCode.Unauthorized => new(KubernetesFailureKind.Forbidden,
                $"cluster {target.Cluster} did not accept the bot's credentials (401); check its kubeconfig or service account token", ex),
            HttpStatusCode.Conflict => new(KubernetesFailureKind.Conflict, $"{what} in {target} was modified concurrently", ex),
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest when IsRead(action) => new(KubernetesFailureKind.Invalid,
                $"cluster {target.Cluster} rejected the request for {what}: {message ?? ex.Message}; nothing was changed", ex),
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest => new(KubernetesFailureKind.Invalid,
                $"cluster {target.Cluster} refused the change: {message ?? ex.Message}", ex),
            _ => new(KubernetesFailureKind.Unreachable,
                $"cluster {target.Cluster} answered {(int?)ex.Response?.StatusCode} for {what}: {message ?? ex.Message}", ex),
        };
    }

    // A 400 on a read (a bad label selector, a log option the server rejects) changed nothing; calling it a refused
    // change would send the engineer looking for a write that never happened.
    private static bool IsRead(Action action) => action.Verb is "get" or "list" or "watch";

    /// <summary>The message of a Kubernetes Status body.</summary>
    internal static string? Message(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
