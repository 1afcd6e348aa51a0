namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// What <c>rollout restart</c> writes and when it must refuse, decided as kubectl decides. The annotation has
/// one-second resolution, so a second restart within the same second would write the value already there: no new
/// template, no new revision, no pods replaced. kubectl refuses that case, and so do we, rather than report a
/// restart that did not happen.
/// </summary>
public static class RolloutRestartPlan
{
    public const string Annotation = "kubectl.kubernetes.io/restartedAt";

    /// <summary>RFC 3339 to the second, as kubectl writes it.</summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The stamp to write, given the deployment as read; throws when the restart would change nothing.</summary>
    public static string Check(KubeTarget target, string deployment, bool paused, string? currentStamp, DateTimeOffset at)
    {
        if (paused)
        {
            throw new KubernetesFailure(KubernetesFailureKind.Refused,
                $"deployment {deployment} in {target} is paused; resume it before restarting (nothing changed)");
        }

        var stamp = Stamp(at);
        if (string.Equals(currentStamp, stamp, StringComparison.Ordinal))
        {
            throw new KubernetesFailure(KubernetesFailureKind.Refused,
                $"deployment {deployment} in {target} was already restarted at {stamp}, within the past second; please wait a second before restarting it again (nothing changed)");
        }

        return stamp;
    }
}
