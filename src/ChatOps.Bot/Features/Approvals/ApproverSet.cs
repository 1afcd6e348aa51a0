namespace ChatOps.Bot.Features.Approvals;

/// <summary>
/// Who may approve a request an approval rule held, bound into the pending approval when it is asked for, so a vote
/// is judged by the rule that asked for it. <see cref="From"/> are subjects as role bindings name them (a user, or a
/// group the platform's directory says the user belongs to); empty means anyone holding <see cref="Role"/>.
/// </summary>
public sealed record ApproverSet(string Rule, Role? Role, IReadOnlyList<string> From)
{
    public bool Admits(IReadOnlySet<string> subjects, Role roleOnScope) =>
        (Role is not { } needed || roleOnScope >= needed)
        && (From.Count == 0 || From.Any(subjects.Contains));

    /// <summary>"approval rule 'x': admin holders among slack-group:S1, console:bob".</summary>
    public string Describe()
    {
        var role = Role is { } r ? $"{r.ToString().ToLowerInvariant()} holders" : null;
        var who = (role, From.Count) switch
        {
            (null, 0) => "anyone holding the command's role",
            (null, _) => string.Join(", ", From),
            (_, 0) => role,
            _ => $"{role} among {string.Join(", ", From)}",
        };
        return $"approval rule '{Rule}' ({who})";
    }

    /// <summary>What the store keeps in one column: the subjects, space-separated (a subject never contains a space).</summary>
    public string FromText => string.Join(' ', From);

    public static IReadOnlyList<string> ParseFrom(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool Equals(ApproverSet? other) =>
        other is not null && Rule == other.Rule && Role == other.Role && From.SequenceEqual(other.From, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Rule, Role, FromText);
}
