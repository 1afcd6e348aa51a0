using System.Diagnostics;
using System.Globalization;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Vault;

/// <summary>The bot as a real process, configured from the environment the way a Deployment configures it.</summary>
public sealed class VaultProcessTests
{
    private const string SlackPath = "secret/ctg-oms/prod/slack";

    [Theory]
    [InlineData("web", "unreachable")]
    [InlineData("console", "sealed")]
    [InlineData("web", "denied")]
    public async Task VaultUnusableAtStart_StopsTheProcessNonZero_WithOneLineNamingThePath(string mode, string problem)
    {
        await using var vault = await FakeVaultServer.StartAsync();
        vault.Mounts["secret"] = 2;
        vault.Put(SlackPath, new() { ["signing_secret"] = "never-read" });
        vault.Sealed = problem == "sealed";
        if (problem == "denied")
        {
            vault.Denied[SlackPath] = true;
        }

        var address = problem == "unreachable" ? $"http://127.0.0.1:{BotProcess.FreePort()}" : vault.Address.ToString();
        using var data = new TempDirectory();
        var info = BotProcess.StartInfo(data.Path, mode == "console" ? ["console", "--user", "alice"] : ["--urls", $"http://127.0.0.1:{BotProcess.FreePort()}"]);
        Configure(info, address, vault.CreateToken(TimeSpan.FromHours(1), renewable: true));

        var (code, stdout, stderr) = await BotProcess.RunToEndAsync(info, "whoami\n", TimeSpan.FromSeconds(90));

        code.ShouldBe(4, stderr);
        var line = stderr.Trim().ShouldHaveSingleItemLine();
        line.ShouldStartWith($"Vault unavailable at start-up: {SlackPath}: ");
        line.ShouldContain(problem switch { "unreachable" => "is unreachable", "sealed" => "503", _ => "403" });
        stdout.ShouldNotContain("whoami", Case.Insensitive, "nothing ran");
    }

    [Fact]
    public async Task SecretsAndTokens_NeverReachTheLog_ThroughRotationAndOutage()
    {
        await using var vault = await FakeVaultServer.StartAsync();
        vault.Mounts["secret"] = 2;
        vault.AppRoles["role-chatops"] = "sid-never-logged";
        vault.Put(SlackPath, new() { ["signing_secret"] = "signing-one-never-logged", ["bot_token"] = "xoxb-fake-one" });
        vault.TokenTtl = TimeSpan.FromSeconds(3);
        using var data = new TempDirectory();
        var port = BotProcess.FreePort();
        var info = BotProcess.StartInfo(data.Path, "--urls", $"http://127.0.0.1:{port}");
        Configure(info, vault.Address.ToString(), token: null);
        info.Environment["ChatOps__Vault__AuthMethod"] = "AppRole";
        info.Environment["ChatOps__Vault__RoleId"] = "role-chatops";
        info.Environment["ChatOps__Vault__SecretId"] = "sid-never-logged";
        info.Environment["ChatOps__Vault__Secrets__0__Map__bot_token"] = "ChatOps:Slack:BotToken";
        info.Environment["Serilog__MinimumLevel__Default"] = "Verbose";

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await WaitAsync(() => vault.CallsTo("secret/data/ctg-oms/prod/slack").Count >= 3, "refreshes", process);
            vault.Put(SlackPath, new() { ["signing_secret"] = "signing-two-never-logged", ["bot_token"] = "xoxb-fake-two" });
            var seen = vault.CallsTo("secret/data/ctg-oms/prod/slack").Count;
            await WaitAsync(() => vault.CallsTo("secret/data/ctg-oms/prod/slack").Count >= seen + 2, "refreshes after rotation", process);
            // A call is recorded when it arrives, before it is answered: sealing right after the first renewal arrived
            // could refuse it. Renewals are sequential, so a second one means the first was answered (and logged).
            await WaitAsync(() => vault.CallsTo("auth/token/renew-self").Count >= 2, "an answered token renewal", process);
            vault.Sealed = true;
            seen = vault.Calls.Count;
            await WaitAsync(() => vault.Calls.Count >= seen + 3, "failed refreshes", process);

            Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(cts.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var log = await stdout + await stderr;
        log.ShouldContain("Vault secrets changed; configuration reloaded for");
        log.ShouldContain("ChatOps:Slack:BotToken, ChatOps:Slack:SigningSecret");
        log.ShouldContain("Vault refresh failed, keeping the last values");
        log.ShouldContain("Vault token renewed");
        string[] secrets =
        [
            "signing-one-never-logged", "signing-two-never-logged", "xoxb-fake-one", "xoxb-fake-two", "sid-never-logged",
            .. vault.IssuedTokens,
        ];
        foreach (var secret in secrets)
        {
            log.ShouldNotContain(secret, Case.Sensitive, "secrets and tokens never reach the log");
        }
    }

    private static void Configure(ProcessStartInfo info, string address, string? token)
    {
        info.Environment["ChatOps__Vault__Address"] = address;
        info.Environment["ChatOps__Vault__AuthMethod"] = "Token";
        info.Environment["ChatOps__Vault__Token"] = token ?? string.Empty;
        info.Environment["ChatOps__Vault__RefreshInterval"] = "00:00:00.200";
        info.Environment["ChatOps__Vault__Secrets__0__Path"] = SlackPath;
        info.Environment["ChatOps__Vault__Secrets__0__Map__signing_secret"] = "ChatOps:Slack:SigningSecret";
    }

    private static async Task WaitAsync(Func<bool> condition, string what, Process process)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            process.HasExited.ShouldBeFalse($"the bot exited while waiting for {what}");
            await Task.Delay(100);
        }

        condition().ShouldBeTrue($"not seen within 60 s: {what}");
    }
}

internal static class LineAssertions
{
    public static string ShouldHaveSingleItemLine(this string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem();
}
