namespace ChatOps.Bot.Pipeline;

/// <summary>
/// Which requests of this scope only a break-glass elevation authorized, and by which elevation: written by the
/// authorization behaviour, read by the audit behaviour around it. Keyed by reference like the policy decisions.
/// </summary>
public sealed class BreakGlassMarks
{
    private readonly Dictionary<IOperation, string> _marks = new(ReferenceEqualityComparer.Instance);

    public void Mark(IOperation operation, string elevationId) => _marks[operation] = elevationId;

    public string? For(IOperation operation) => _marks.GetValueOrDefault(operation);
}
