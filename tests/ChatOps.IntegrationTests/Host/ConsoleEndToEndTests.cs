using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Host;

/// <summary>The README's first command, driven through standard input as a script would.</summary>
public sealed class ConsoleEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task EchoHelp_PrintsTheCommandList_AndExitsZero()
    {
        using var data = new TempDirectory();

        var (exit, stdout, stderr) = await BotProcess.RunToEndAsync(
            BotProcess.StartInfo(data.Path, "console", "--user", "alice"), "help\n", Timeout);

        exit.ShouldBe(0, stderr);
        stdout.ShouldStartWith("Commands:\n  help [command...]");
        stdout.ShouldContain("audit verify");
        stdout.ShouldNotContain("ops>", Case.Sensitive, "no prompt when input is piped");
    }

    [Fact]
    public async Task Session_RunsOnTheDefaultConfiguration_AndTheAuditVerifies()
    {
        using var data = new TempDirectory();

        var (exit, stdout, stderr) = await BotProcess.RunToEndAsync(
            BotProcess.StartInfo(data.Path, "console", "--user", "alice"), "whoami\naudit --last 5\naudit verify\n", Timeout);

        exit.ShouldBe(0, stderr);
        stdout.ShouldContain("You are alice (console:alice).\nRoles:\n  admin everywhere");
        stdout.ShouldContain("console:alice  whoami");
        stdout.ShouldContain("audit chain intact: 2 records verified");
        File.Exists(Path.Combine(data.Path, "chatops.db")).ShouldBeTrue();
    }

    [Fact]
    public async Task FailedCommand_MakesTheExitCodeOne_AndDenialsReachTheAuditLog()
    {
        using var data = new TempDirectory();

        var (exit, stdout, stderr) = await BotProcess.RunToEndAsync(
            BotProcess.StartInfo(data.Path, "console", "--user", "carol"), "help\naudit verify\n", Timeout);

        exit.ShouldBe(1);
        stdout.ShouldContain("denied: `audit verify` needs admin (everywhere); console:carol has viewer there");
        stderr.ShouldContain("[denied] carol (console:carol) `audit verify`");
    }

    [Fact]
    public async Task PipedSession_ShowsNoHostLifetimeMessages_OnlyAuditLines()
    {
        using var data = new TempDirectory();

        var (exit, _, stderr) = await BotProcess.RunToEndAsync(
            BotProcess.StartInfo(data.Path, "console", "--user", "carol"), "help\naudit verify\n", Timeout);

        exit.ShouldBe(1);
        // Audit-channel lines, warnings (the local chain key) and the one line naming the data folder (issue 21 item 2):
        // nothing of the host's lifetime.
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l != $"data folder: {data.Path}").ToList();
        stderr.Split('\n').Count(l => l.StartsWith("data folder: ", StringComparison.Ordinal)).ShouldBe(1, stderr);
        lines.ShouldContain(l => l.StartsWith("[INF] audit: [denied] carol", StringComparison.Ordinal), stderr);
        lines.ShouldAllBe(l => l.StartsWith("[INF] audit: ", StringComparison.Ordinal) || l.StartsWith("[WRN] ", StringComparison.Ordinal), stderr);
        stderr.ShouldNotContain("Application started");
        stderr.ShouldNotContain("Content root path");
    }

    [Fact]
    public async Task Verbose_ShowsTheLifetimeMessages_AndAuditLinesComeBeforeShutdown()
    {
        using var data = new TempDirectory();

        var (exit, _, stderr) = await BotProcess.RunToEndAsync(
            BotProcess.StartInfo(data.Path, "console", "--user", "carol", "--verbose"), "help\naudit verify\n", Timeout);

        exit.ShouldBe(1);
        stderr.ShouldContain("Application started");
        var shutdown = stderr.IndexOf("Application is shutting down", StringComparison.Ordinal);
        shutdown.ShouldBeGreaterThan(0, stderr);
        stderr.LastIndexOf("audit: ", StringComparison.Ordinal).ShouldBeLessThan(shutdown, stderr);
        stderr.ShouldContain("audit: audit head #2 ");
        stderr.ShouldContain("[denied] carol (console:carol) `audit verify`");
    }

    /// <summary>
    /// The configuration reader is given the Serilog assemblies instead of scanning deps.json for them at start: a sink
    /// that configuration names (here the file sink, from the environment) must still be found.
    /// </summary>
    [Fact]
    public async Task ASinkNamedInConfiguration_IsFound_WithoutScanningForIt()
    {
        using var data = new TempDirectory();
        var file = Path.Combine(data.Path, "bot.log");
        var info = BotProcess.StartInfo(data.Path, "console", "--user", "carol");
        info.Environment["Serilog__WriteTo__0__Name"] = "File";
        info.Environment["Serilog__WriteTo__0__Args__path"] = file;

        var (exit, _, stderr) = await BotProcess.RunToEndAsync(info, "help\n", Timeout);

        exit.ShouldBe(0, stderr);
        File.Exists(file).ShouldBeTrue(stderr);
        (await File.ReadAllTextAsync(file)).ShouldContain("The audit chain key is local");
    }

    [Fact]
    public async Task BadConfiguration_StopsWithTheKey_AndExitCodeTwo()
    {
        using var data = new TempDirectory();
        var info = BotProcess.StartInfo(data.Path, "console", "--user", "alice");
        info.Environment["ChatOps__Approvals__RequiredApprovers"] = "0";

        var (exit, _, stderr) = await BotProcess.RunToEndAsync(info, "help\n", Timeout);

        exit.ShouldBe(2);
        stderr.Trim().ShouldBe("configuration error: ChatOps:Approvals:RequiredApprovers: 0 must be between 1 and 5");
    }
}
