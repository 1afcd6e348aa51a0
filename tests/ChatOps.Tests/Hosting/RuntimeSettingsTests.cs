using System.Text.Json;
using System.Xml.Linq;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Hosting;

/// <summary>
/// The runtime settings chosen for memory and start-up (docs/performance.md, "Memory, start-up and overload") reach
/// the bot as it is run: the runtimeconfig.json beside ChatOps.Bot.dll (read by `dotnet run` and by the published
/// bot alike) and the publish the Dockerfile makes.
/// </summary>
public sealed class RuntimeSettingsTests
{
    private static readonly XElement BotProject = XElement.Load(Path.Combine(RepositoryRoot.Path, "src/ChatOps.Bot/ChatOps.Bot.csproj"));

    [Fact]
    public void TheBotRuns_OnTheWorkstationGc_Concurrent()
    {
        var properties = RuntimeProperties();

        properties.GetProperty("System.GC.Server").GetBoolean().ShouldBeFalse("server GC peaked 20-60 MiB higher under load");
        // Absent means the default, concurrent (background) collections; off, gen-2 pauses stop every request.
        (!properties.TryGetProperty("System.GC.Concurrent", out var concurrent) || concurrent.GetBoolean()).ShouldBeTrue();
    }

    [Fact]
    public void TheBotRuns_WithoutDynamicPgo()
    {
        var properties = RuntimeProperties();

        // Its instrumented tiers took a tenth of one CPU for half a minute into a flood: the warm-up a bursty bot lives in.
        properties.GetProperty("System.Runtime.TieredPGO").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public void TheBotsGen0Budget_IsFixed_NotTakenFromTheHostsCache()
    {
        // Unset, the workstation GC took 80 MiB from a 260 MiB L3 and the bot peaked 70 MiB higher on that host.
        RuntimeProperties().GetProperty("System.GC.Gen0MaxBudget").GetInt64().ShouldBe(6L * 1024 * 1024);
    }

    [Fact]
    public void ThePublishedBot_IsReadyToRun_AndStillFrameworkDependent()
    {
        Property("PublishReadyToRun").ShouldBe("true");
        // The image runs `dotnet ChatOps.Bot.dll` on the ASP.NET runtime image: a self-contained publish would ship a
        // second runtime beside it.
        Property("SelfContained").ShouldBe("false");
        var publish = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "Dockerfile"))
            .Single(l => l.Contains("dotnet publish src/ChatOps.Bot", StringComparison.Ordinal));
        publish.ShouldNotContain("PublishReadyToRun=false");
        publish.ShouldNotContain("--self-contained");
    }

    /// <summary>
    /// The referenced bot's runtimeconfig.json is copied beside the tests: the file `dotnet ChatOps.Bot.dll` reads.
    /// </summary>
    private static JsonElement RuntimeProperties()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ChatOps.Bot.runtimeconfig.json")));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    private static string? Property(string name) =>
        BotProject.Elements("PropertyGroup").Elements(name).Select(e => e.Value.Trim()).SingleOrDefault();
}
