using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Host;

/// <summary>Issue 17: `console --sandbox` serves the simulated cluster from the first terminal; the second joins it.</summary>
public sealed class SandboxTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task SecondTerminal_JoinsTheFirst_AndApprovesItsDangerousCommand()
    {
        using var data = new TempDirectory();
        using var alice = Process.Start(BotProcess.StartInfo(data.Path, "console", "--user", "alice", "--sandbox"))!;
        var aliceErr = alice.StandardError.ReadToEndAsync();
        try
        {
            await alice.StandardInput.WriteLineAsync("scale urbanos-service-billing 0");
            await alice.StandardInput.FlushAsync();
            var answer = await ReadUntilAsync(alice.StandardOutput, "Approve with `approve ");
            answer.ShouldStartWith("[sandbox] `scale urbanos-service-billing 0 --namespace=urbanos --cluster=sandbox` is dangerous on production target sandbox/urbanos");
            var id = answer.Split("`approve ")[1].Split('`')[0];

            var record = Path.Combine(data.Path, "sandbox.json");
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(record).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            using (var json = JsonDocument.Parse(File.ReadAllText(record)))
            {
                json.RootElement.GetProperty("token").GetString()!.Length.ShouldBe(64);
            }

            var (exit, stdout, stderr) = await BotProcess.RunToEndAsync(
                BotProcess.StartInfo(data.Path, "console", "--user", "bob", "--sandbox"), $"approve {id}\nstatus urbanos-service-billing\n", Timeout);

            exit.ShouldBe(0, stderr);
            stderr.ShouldContain("sandbox: joined the simulated cluster served by process");
            // The whole output in the message: Shouldly cuts the actual value, and a failure here is read from CI logs.
            stdout.ShouldContain($"[sandbox] {id} approved by console:bob", Case.Sensitive, stdout + stderr);
            // The sandbox's HPA (cpu 41% of 70%) may have brought 3 down to its minimum of 2 while the approval waited.
            stdout.ShouldMatch(@"(?s).*scaled deployment urbanos-service-billing in urbanos on cluster sandbox: [23] → 0 replicas.*", stdout + stderr);
            stdout.ShouldContain("[sandbox] deployment urbanos-service-billing in urbanos on cluster sandbox: 0 desired", Case.Sensitive, stdout + stderr);
        }
        finally
        {
            alice.StandardInput.Close();
            await alice.WaitForExitAsync(new CancellationTokenSource(Timeout).Token);
        }

        (await aliceErr).ShouldContain("sandbox: serving the simulated cluster");
        File.Exists(Path.Combine(data.Path, "sandbox.json")).ShouldBeFalse("the server removes its record when it leaves");
    }

    [Fact]
    public async Task StaleRecord_IsReplaced_ByANewCluster()
    {
        using var data = new TempDirectory();
        File.WriteAllText(Path.Combine(data.Path, "sandbox.json"),
            $$"""{"port":{{BotProcess.FreePort()}},"pid":{{Environment.ProcessId}},"token":"stale"}""");

        var (exit, stdout, stderr) = await BotProcess.RunToEndAsync(
            BotProcess.StartInfo(data.Path, "console", "--user", "alice", "--sandbox"), "status urbanos-service-billing\n", Timeout);

        exit.ShouldBe(0, stderr);
        stderr.ShouldContain("sandbox: serving the simulated cluster");
        stdout.ShouldStartWith("[sandbox] deployment urbanos-service-billing in urbanos on cluster sandbox: 3 desired");
    }

    /// <summary>The lines of one answer, up to and including the one containing <paramref name="marker"/>.</summary>
    private static async Task<string> ReadUntilAsync(StreamReader output, string marker)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var text = new StringBuilder();
        while (await output.ReadLineAsync(cts.Token) is { } line)
        {
            text.AppendLine(line);
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                break;
            }
        }

        return text.ToString();
    }
}
