namespace ChatOps.Bot.Features.Authorization;

/// <summary>Targets users name in a flag (<c>--db coredb</c>, <c>--broker rabbit</c>): configured names, never addresses.</summary>
public interface INamedTargets
{
    IReadOnlyList<string> Names { get; }

    /// <summary>The configured spelling of <paramref name="name"/>, or null when it is not a configured target.</summary>
    string? Find(string name);
}
