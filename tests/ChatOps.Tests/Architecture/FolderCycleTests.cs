namespace ChatOps.Tests.Architecture;

/// <summary>
/// The folders form a graph a newcomer can read top-down: no folder depends, even through others, on one that depends
/// on it. A cycle is named folder by folder with the types that close it.
/// </summary>
public sealed class FolderCycleTests
{
    [Fact]
    public void TopLevelFolders_HaveNoCycle() => ShouldBeAcyclic(FolderGraph.TopLevel, FolderGraph.TopLevelEdges);

    [Fact]
    public void Features_HaveNoCycleAmongThemselves() =>
        ShouldBeAcyclic(FolderGraph.Features(), FolderGraph.Edges(FolderGraph.Root + ".Features", FolderGraph.Features()));

    [Fact]
    public void FindCycle_NamesTheLoop_AndIgnoresADiamond()
    {
        string[] folders = ["A", "B", "C", "D"];

        FolderGraph.FindCycle(folders, [("A", "B"), ("A", "C"), ("B", "D"), ("C", "D")]).ShouldBeNull();
        FolderGraph.FindCycle(folders, [("A", "B"), ("B", "C"), ("C", "D"), ("D", "B")]).ShouldBe(["B", "C", "D", "B"]);
    }

    private static void ShouldBeAcyclic(
        IReadOnlyList<string> folders, IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> edges)
    {
        folders.Count.ShouldBeGreaterThan(1);
        var cycle = FolderGraph.FindCycle(folders, edges.Keys);

        cycle.ShouldBeNull(cycle is null ? null : string.Join("\n", cycle.Zip(cycle.Skip(1),
            (from, to) => $"{from} -> {to}: {string.Join(", ", edges[(from, to)].Take(5))}")));
    }
}
