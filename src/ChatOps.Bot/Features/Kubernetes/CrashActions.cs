namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// What an answer about a crashing pod offers next: Rollback and Restart of the deployment that owns it. They are
/// ordinary commands (<see cref="ResultButton"/>), so a click runs <c>rollout undo</c> / <c>rollout restart</c>
/// through the pipeline as the clicker — roles, approval in production and audit exactly as if typed.
/// </summary>
public static class CrashActions
{
    /// <summary>Restarting, crash-looping or OOM-killed now or on its last run: a pod a rollback or restart may cure.</summary>
    public static bool IsCrashing(PodDetails pod) => pod.Containers.Any(c =>
        c.RestartCount > 0
        || c.State is { Reason: "CrashLoopBackOff" or "OOMKilled" }
        || c.LastState is { Reason: "OOMKilled" });

    /// <summary>
    /// <paramref name="answer"/> with the two buttons when <paramref name="pod"/> is crashing and belongs to a
    /// deployment. The owner is looked up, never guessed from the pod's name or a selector: a button must act on the
    /// deployment whose ReplicaSet made this pod, and a pod without one gets no buttons.
    /// </summary>
    public static async Task<OperationResult> OfferAsync(OperationResult answer, IKubernetesOperations kube, KubeTarget target, PodDetails pod, CancellationToken cancellationToken)
    {
        if (!answer.IsSuccess || !IsCrashing(pod))
        {
            return answer;
        }

        string? deployment;
        try
        {
            deployment = await kube.FindOwningDeploymentAsync(target, pod.Name, cancellationToken);
        }
        catch (KubernetesFailure)
        {
            // The answer already says what is wrong; a pod gone meanwhile or a role without list replicasets only costs the shortcut.
            return answer;
        }

        return deployment is null ? answer : answer with { Buttons = [.. answer.Buttons, .. Buttons(target, deployment)] };
    }

    public static IReadOnlyList<ResultButton> Buttons(KubeTarget target, string deployment)
    {
        var where = $"-n {target.Namespace} --cluster {target.Cluster}";
        return
        [
            new ResultButton("Rollback", $"rollout undo {deployment} {where}", ButtonStyle.Danger,
                $"Roll deployment {deployment} in {target} back to its previous revision?"),
            new ResultButton("Restart", $"rollout restart {deployment} {where}", ButtonStyle.Danger,
                $"Restart every pod of deployment {deployment} in {target}?"),
        ];
    }
}
