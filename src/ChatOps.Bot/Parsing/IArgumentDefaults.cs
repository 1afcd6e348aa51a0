namespace ChatOps.Bot.Parsing;

/// <summary>
/// Fills in arguments a user may leave out but the canonical command must name — the default cluster and its
/// default namespace — so that authorization, the audit and an approval all see the target actually used,
/// and an approved request still means the same target if the defaults change before it runs.
/// </summary>
public interface IArgumentDefaults
{
    void Complete(CommandSpec spec, IDictionary<string, object> values);
}
