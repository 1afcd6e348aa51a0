namespace ChatOps.Bot.Pipeline;

/// <summary>
/// Which requests of this scope only a break-glass elevation authorized, and by which elevation: written by the
/// authorization behaviour, read by the audit behaviour around it. Keyed by reference like the policy decisions. Made
/// for every command and marked for almost none, so the table is made at the first mark.
/// </summary>
public sealed class BreakGlassMarks
{
    private Dictionary<IOperation, string>? _marks;

    public void Mark(IOperation operation, string elevationId) => (_marks ??= new(ReferenceEqualityComparer.Instance))[operation] = elevationId;

    public string? For(IOperation operation) => _marks?.GetValueOrDefault(operation);
}
