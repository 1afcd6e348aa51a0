using NetArchTest.Rules;

namespace ChatOps.Tests.Architecture;

/// <summary>
/// The simulated cluster is product code only for <c>console --sandbox</c> (issue 17). Nothing but the composition root
/// may know it exists, and within the root only the console host reaches the sandbox, so no configuration of the
/// HTTP host can ever run commands against a simulation.
/// </summary>
public sealed class SimClusterBoundaryTests
{
    private const string SimCluster = "ChatOps.SimCluster";
    private const string Sandbox = "ChatOps.Bot.Hosting.Sandbox";

    [Fact]
    public void OnlyHosting_ReferencesTheSimulatedCluster()
    {
        var result = FolderGraph.BotTypes.That().DoNotResideInNamespaceStartingWith("ChatOps.Bot.Hosting")
            .ShouldNot().HaveDependencyOn(SimCluster)
            .GetResult();

        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void OnlyTheConsoleHost_ReachesTheSandbox()
    {
        var result = FolderGraph.BotTypes.That().DoNotResideInNamespaceStartingWith(Sandbox)
            .And().DoNotHaveName(nameof(ChatOps.Bot.Hosting.ConsoleHost))
            .ShouldNot().HaveDependencyOnAny(Sandbox, SimCluster)
            .GetResult();

        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }
}
