using ChatOps.Bot.Core;
using NetArchTest.Rules;

namespace ChatOps.Tests.Architecture;

/// <summary>
/// One direction of flow: adapter -> parser -> pipeline -> handler -> port. The core folders never see a transport, a
/// database driver or the host; chat adapters never reach past the dispatcher into stores or infrastructure.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>What the core may not reference: drivers, HTTP, the Kubernetes client, the web host and our outer folders.</summary>
    private static readonly string[] NotInCore =
    [
        "k8s", "Npgsql", "Microsoft.Data.Sqlite", "System.Net.Http", "Microsoft.AspNetCore", "Prometheus",
        "ChatOps.Bot.Hosting", "ChatOps.Bot.Infrastructure", "ChatOps.Bot.Chat",
    ];

    /// <summary>The ports through which features keep state; adapters reach them only through Dispatch and the features.</summary>
    private static readonly string[] StorePorts =
    [
        "ChatOps.Bot.Core.IIdempotencyStore", "ChatOps.Bot.Features.Approvals.IApprovalStore", "ChatOps.Bot.Features.Audit.IAuditLog",
        "ChatOps.Bot.Features.Audit.Outbox.IOutboxStore", "ChatOps.Bot.Features.Incidents.IIncidentStore",
        "ChatOps.Bot.Features.Alerts.IAlertStore", "ChatOps.Bot.Infrastructure.Storage.IChatOpsStore",
    ];

    /// <summary>The layers from the bottom up: each folder may use only those listed for it.</summary>
    public static TheoryData<string, string[]> AllowedBelow => new()
    {
        { "Diagnostics", [] },
        { "Core", [] },
        { "Parsing", ["Core"] },
        { "Features", ["Core", "Parsing", "Diagnostics"] },
        { "Pipeline", ["Core", "Parsing", "Features", "Diagnostics"] },
        { "Dispatch", ["Core", "Parsing", "Diagnostics"] },
        { "Infrastructure", ["Core", "Parsing", "Features", "Diagnostics"] },
        { "Chat", ["Core", "Parsing", "Features", "Dispatch", "Diagnostics"] },
    };

    [Theory]
    [MemberData(nameof(AllowedBelow))]
    public void TopLevelFolder_DependsOnlyOnTheFoldersBelowIt(string folder, string[] allowed)
    {
        var forbidden = FolderGraph.TopLevel.Where(f => f != folder && !allowed.Contains(f)).ToArray();
        var edges = FolderGraph.TopLevelEdges.Where(e => e.Key.From == folder && forbidden.Contains(e.Key.To))
            .Select(e => $"{e.Key.To}: {string.Join(", ", e.Value.Take(5))}");

        edges.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("ChatOps.Bot.Core")]
    [InlineData("ChatOps.Bot.Parsing")]
    [InlineData("ChatOps.Bot.Pipeline")]
    [InlineData("ChatOps.Bot.Dispatch")]
    [InlineData("ChatOps.Bot.Features")]
    public void CoreFolders_DoNotReferenceDriversTransportsOrTheHost(string folder) =>
        ShouldNotDepend(folder, NotInCore);

    [Fact]
    public void ChatAdapters_TouchNoStoreOrInfrastructure() =>
        ShouldNotDepend("ChatOps.Bot.Chat", ["ChatOps.Bot.Infrastructure", "Npgsql", "Microsoft.Data.Sqlite", "k8s", .. StorePorts]);

    [Fact]
    public void Infrastructure_ImplementsPorts_AndNeverDrivesTheBot() =>
        ShouldNotDepend("ChatOps.Bot.Infrastructure", ["ChatOps.Bot.Chat", "ChatOps.Bot.Dispatch", "ChatOps.Bot.Pipeline", "ChatOps.Bot.Hosting"]);

    [Fact]
    public void NothingButTheProgram_DependsOnHosting()
    {
        var result = FolderGraph.BotTypes.That().DoNotResideInNamespace("ChatOps.Bot.Hosting")
            .And().ResideInNamespaceStartingWith("ChatOps.Bot.")
            .ShouldNot().HaveDependencyOn("ChatOps.Bot.Hosting")
            .GetResult();

        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Requests_AreSealedRecords()
    {
        var requests = typeof(IOperation).Assembly.GetTypes()
            .Where(t => typeof(IOperation).IsAssignableFrom(t) && !t.IsInterface)
            .ToList();

        requests.ShouldNotBeEmpty();
        requests.ShouldAllBe(t => t.IsSealed && t.GetMethod("<Clone>$") != null);
    }

    private static void ShouldNotDepend(string folder, string[] forbidden)
    {
        var result = FolderGraph.BotTypes.That().ResideInNamespace(folder)
            .ShouldNot().HaveDependencyOnAny(forbidden)
            .GetResult();

        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }
}
