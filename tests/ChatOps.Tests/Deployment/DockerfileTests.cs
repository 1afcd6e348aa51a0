using System.Text.RegularExpressions;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Deployment;

/// <summary>No Docker engine runs here: the Dockerfile's properties are checked as text.</summary>
public sealed partial class DockerfileTests
{
    /// <summary>APP_UID of the mcr.microsoft.com/dotnet images; the manifests' runAsUser must match.</summary>
    public const long AppUid = 1654;

    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "Dockerfile"))
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .ToArray();

    /// <summary>The instructions of the last stage: what the image is made of.</summary>
    private static string[] FinalStage => Lines[Array.FindLastIndex(Lines, l => l.StartsWith("FROM ", StringComparison.Ordinal))..];

    [Fact]
    public void IsMultiStage_BuildingAndTestingOnTheSdk_RunningOnTheAspNetRuntime()
    {
        var froms = Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        froms.Count.ShouldBe(2);
        froms[0].ShouldStartWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build");
        froms[1].ShouldStartWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0");
        var build = string.Join('\n', Lines[..Array.IndexOf(Lines, froms[1])]);
        build.ShouldContain("dotnet restore");
        build.ShouldContain("dotnet test tests/ChatOps.Tests");
        build.ShouldContain("dotnet publish src/ChatOps.Bot");
    }

    [Theory]
    [InlineData("src/ChatOps.Bot/ChatOps.Bot.csproj")]
    [InlineData("tests/ChatOps.Tests/ChatOps.Tests.csproj")]
    public void TheBuildStage_CopiesEveryProjectTheBuiltProjectsReference(string project)
    {
        // A reference the image does not copy fails `docker build` at restore, which nothing here would notice.
        var folder = Path.GetDirectoryName(project)!;
        var references = ProjectReference().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, project)))
            .Select(m => Path.GetRelativePath(RepositoryRoot.Path, Path.GetFullPath(Path.Combine(RepositoryRoot.Path, folder, m.Groups[1].Value)))
                .Replace('\\', '/'));
        foreach (var reference in references)
        {
            var referenceFolder = Path.GetDirectoryName(reference)!.Replace('\\', '/');
            Lines.ShouldContain(l => l.StartsWith($"COPY {reference} ", StringComparison.Ordinal), $"the csproj of {reference}, for restore");
            Lines.ShouldContain(
                l => l.StartsWith("COPY ", StringComparison.Ordinal) && l.Split(' ')[1].EndsWith('/') &&
                     (referenceFolder + "/").StartsWith(l.Split(' ')[1], StringComparison.Ordinal),
                $"the sources of {reference}");
        }
    }

    [Fact]
    public void FinalImage_HoldsOnlyThePublishedApp()
    {
        var copies = FinalStage.Where(l => l.StartsWith("COPY", StringComparison.Ordinal)).ToList();
        copies.ShouldHaveSingleItem().ShouldBe("COPY --from=build --chown=root:root /app ./");
        FinalStage.ShouldNotContain(l => l.Contains("sdk", StringComparison.OrdinalIgnoreCase));
        FinalStage.ShouldNotContain(l => l.StartsWith("RUN ", StringComparison.Ordinal), "nothing is installed or written into the runtime image");
        FinalStage.ShouldNotContain(l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal), "Kubernetes probes check health");
        FinalStage.ShouldContain("EXPOSE 8080");
        FinalStage.Last().ShouldBe("ENTRYPOINT [\"dotnet\", \"ChatOps.Bot.dll\"]");
    }

    [Fact]
    public void RunsAsTheNumericNonRootUser_TheManifestsUse()
    {
        var user = FinalStage.Last(l => l.StartsWith("USER ", StringComparison.Ordinal));
        user.ShouldBe($"USER {AppUid}", "numeric, so runAsNonRoot can verify it");
    }

    [Fact]
    public void WorksOnAReadOnlyRootFileSystem()
    {
        var env = string.Join('\n', FinalStage);
        env.ShouldContain("DOTNET_EnableDiagnostics=0");
        env.ShouldContain("TMPDIR=/tmp");
        var store = StorePath().Match(env);
        store.Success.ShouldBeTrue("the SQLite store is placed on the data volume");
        FinalStage.ShouldContain($"VOLUME [\"/data\", \"/tmp\"]");
        env.ShouldContain("ASPNETCORE_URLS=http://+:8080");
    }

    [GeneratedRegex("ChatOps__Store__ConnectionString=\"Data Source=/data/[^\"]+\"")]
    private static partial Regex StorePath();

    [GeneratedRegex("<ProjectReference Include=\"([^\"]+)\"")]
    private static partial Regex ProjectReference();
}
