using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Host;

/// <summary>Issue 21: `dotnet run --project src/ChatOps.Bot` keeps ./data in the folder it was typed in, and says where.</summary>
public sealed class DataFolderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task DefaultStore_LivesInTheStartingFolder_AndItsPathIsPrintedOnce()
    {
        using var work = new TempDirectory();
        var info = InFolder(work.Path);

        var (exit, _, stderr) = await BotProcess.RunToEndAsync(info, "whoami\n", Timeout);

        exit.ShouldBe(0, stderr);
        var folder = Path.Combine(work.Path, "data");
        File.Exists(Path.Combine(folder, "chatops.db")).ShouldBeTrue(stderr);
        stderr.Split('\n').Count(l => l == $"data folder: {folder}").ShouldBe(1, stderr);
    }

    [Fact]
    public async Task TwoSessions_FromOneFolder_ShareOneAuditChain()
    {
        using var work = new TempDirectory();

        var (first, _, firstErr) = await BotProcess.RunToEndAsync(InFolder(work.Path, "alice"), "whoami\n", Timeout);
        var (second, stdout, secondErr) = await BotProcess.RunToEndAsync(InFolder(work.Path, "bob"), "audit --last 5\n", Timeout);

        first.ShouldBe(0, firstErr);
        second.ShouldBe(0, secondErr);
        stdout.ShouldContain("console:alice  whoami");
    }

    /// <summary>The README's command, typed in <paramref name="folder"/> with no store configured.</summary>
    private static System.Diagnostics.ProcessStartInfo InFolder(string folder, string user = "alice")
    {
        var info = BotProcess.StartInfo(folder, "console", "--user", user);
        info.Environment.Remove("ChatOps__Store__ConnectionString");
        info.WorkingDirectory = folder;
        var project = info.ArgumentList.IndexOf("src/ChatOps.Bot");
        info.ArgumentList[project] = Path.Combine(BotProcess.RepositoryRoot, "src", "ChatOps.Bot");
        return info;
    }
}
