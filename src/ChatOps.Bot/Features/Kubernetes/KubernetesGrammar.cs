namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// status, scale, hpa, rollout status/history/undo/restart, set image and delete pod. kubectl's forms from the runbooks parse as they are:
/// <c>scale deployment x --replicas=5 -n ns</c>, <c>rollout undo deployment/x --to-revision=3 -n ns</c>.
/// Each command's spec is built by its own grammar; the order here is the order <c>help</c> lists them in.
/// </summary>
public sealed class KubernetesGrammar : IGrammar
{
    private static readonly HashSet<string> Commands = [.. Specs().Select(s => s.Name)];

    public static bool Owns(CommandSpec spec) => Commands.Contains(spec.Name);

    public void Register(CommandRegistry registry)
    {
        foreach (var spec in Specs())
        {
            registry.Add(spec);
        }
    }

    private static IEnumerable<CommandSpec> Specs() =>
    [
        StatusGrammar.Status(),
        InvestigateGrammar.Pods(),
        InvestigateGrammar.DescribePod(),
        InvestigateGrammar.Describe(),
        InvestigateGrammar.Events(),
        InvestigateGrammar.Logs(),
        InvestigateGrammar.LogsStop(),
        HealthGrammar.Health(),
        Metrics.MetricsGrammar.Metrics(),
        ScaleGrammar.Scale(),
        HpaGrammar.Hpa(),
        HpaGrammar.List(),
        HpaGrammar.PatchHpa(),
        RolloutGrammar.Status(),
        RolloutGrammar.History(),
        RolloutGrammar.Undo(),
        RolloutGrammar.Restart(),
        SetGrammar.Image(),
        DeleteGrammar.Pod(),
    ];
}
