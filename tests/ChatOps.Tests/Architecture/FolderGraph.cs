using ChatOps.Bot.Core;
using NetArchTest.Rules;

namespace ChatOps.Tests.Architecture;

/// <summary>
/// Which folders of the bot depend on which, read from the compiled assembly (every type reference in signatures and
/// method bodies), not from <c>using</c> lines: a fully qualified name or a generic argument counts too.
/// </summary>
internal static class FolderGraph
{
    public const string Root = "ChatOps.Bot";

    public static readonly string[] TopLevel =
        ["Core", "Parsing", "Pipeline", "Dispatch", "Features", "Chat", "Infrastructure", "Diagnostics", "Hosting"];

    private static readonly Lazy<Types> Bot = new(() => Types.InAssembly(typeof(IOperation).Assembly));

    private static readonly Lazy<IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>>> TopLevelGraph =
        new(() => Edges(Root, TopLevel));

    public static Types BotTypes => Bot.Value;

    /// <summary>The edges among the top-level folders, computed once for all the tests that read them.</summary>
    public static IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> TopLevelEdges => TopLevelGraph.Value;

    /// <summary>The features: every folder under <c>Features/</c>.</summary>
    public static string[] Features() => typeof(IOperation).Assembly.GetTypes()
        .Select(t => t.Namespace)
        .OfType<string>()
        .Where(n => n.StartsWith(Root + ".Features.", StringComparison.Ordinal))
        .Select(n => n.Split('.')[3])
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The edges among <paramref name="folders"/> (namespaces below <paramref name="prefix"/>), each with the types that make it.</summary>
    public static IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> Edges(string prefix, IReadOnlyList<string> folders)
    {
        var edges = new Dictionary<(string, string), IReadOnlyList<string>>();
        foreach (var from in folders)
        {
            foreach (var to in folders.Where(t => t != from))
            {
                var result = BotTypes.That().ResideInNamespace(Ns(prefix, from))
                    .ShouldNot().HaveDependencyOn(Ns(prefix, to))
                    .GetResult();
                if (!result.IsSuccessful)
                {
                    edges[(from, to)] = [.. result.FailingTypeNames ?? []];
                }
            }
        }

        return edges;
    }

    /// <summary>One cycle through the graph, as the folders in order with the first repeated at the end; null when there is none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyList<string> folders, IEnumerable<(string From, string To)> edges)
    {
        var next = edges.ToLookup(e => e.From, e => e.To);
        var state = folders.ToDictionary(f => f, _ => 0);
        var path = new List<string>();

        List<string>? Visit(string folder)
        {
            state[folder] = 1;
            path.Add(folder);
            foreach (var to in next[folder])
            {
                if (state[to] == 1)
                {
                    return [.. path.SkipWhile(p => p != to), to];
                }

                if (state[to] == 0 && Visit(to) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[folder] = 2;
            return null;
        }

        return folders.Where(f => state[f] == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }

    private static string Ns(string prefix, string folder) => $"{prefix}.{folder}";
}
