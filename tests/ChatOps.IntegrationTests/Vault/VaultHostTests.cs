using System.Net;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Features.Authorization;
using ChatOps.IntegrationTests.Slack;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOps.IntegrationTests.Vault;

/// <summary>The real HTTP host with its secrets in Vault (the Embrix layout), as a Deployment would run it.</summary>
public sealed class VaultHostTests : IAsyncLifetime
{
    private const string SlackPath = "secret/ctg-oms/prod/slack";
    private const string DatabasePath = "secret/ctg-oms/prod/database";

    private FakeVaultServer vault = null!;

    public async Task InitializeAsync()
    {
        vault = await FakeVaultServer.StartAsync();
        vault.Mounts["secret"] = 2;
        vault.AppRoles["role-chatops"] = "sid-chatops";
        vault.Put(SlackPath, new() { ["signing_secret"] = "vault-signing-one", ["bot_token"] = "xoxb-v1" });
        vault.Put(DatabasePath, new() { ["connection_string"] = "Host=db;Database=coredb;Username=bot;Password=pw-one" });
    }

    public async Task DisposeAsync() => await vault.DisposeAsync();

    [Fact]
    public async Task SigningSecretComesFromVault_AndARotatedSecretTakesEffectWithoutRestart()
    {
        await using var host = await StartAsync();

        host.Signer.Secret = "vault-signing-one";
        (await host.CommandAsync("whoami")).StatusCode.ShouldBe(HttpStatusCode.OK);
        host.Signer.Secret = SlackBotHost.Secret;
        (await host.CommandAsync("whoami")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "Vault's value overrides the one in the other settings");
        Database(host).ShouldEndWith("Password=pw-one");

        vault.Put(SlackPath, new() { ["signing_secret"] = "vault-signing-two", ["bot_token"] = "xoxb-v1" });
        vault.Put(DatabasePath, new() { ["connection_string"] = "Host=db;Database=coredb;Username=bot;Password=pw-two" });
        host.Signer.Secret = "vault-signing-two";
        await EventuallyAsync(async () => (await host.CommandAsync("whoami")).StatusCode == HttpStatusCode.OK, "the rotated signing secret verifies");

        host.Signer.Secret = "vault-signing-one";
        (await host.CommandAsync("whoami")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the old secret is refused after rotation");
        Database(host).ShouldEndWith("Password=pw-two");
        vault.Calls.ShouldAllBe(c => c.Namespace == null);
        vault.CallsTo("auth/approle/login").Count.ShouldBe(1, "one token serves every refresh");
    }

    [Fact]
    public async Task VaultDownLater_KeepsTheLastValues_CountsTheFailures_AndPicksUpAgainWhenBack()
    {
        await using var host = await StartAsync();
        var failures = await VaultFailuresAsync(host, "read");

        vault.Sealed = true;
        await EventuallyAsync(async () => await VaultFailuresAsync(host, "read") >= failures + 2, "failed refreshes are counted");

        host.Signer.Secret = "vault-signing-one";
        (await host.CommandAsync("whoami")).StatusCode.ShouldBe(HttpStatusCode.OK, "the last values stay in force");
        var metrics = await host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        metrics.ShouldContain("chatops_vault_failures_total{operation=\"read\"}");

        vault.Put(SlackPath, new() { ["signing_secret"] = "vault-signing-two", ["bot_token"] = "xoxb-v1" });
        vault.Sealed = false;
        host.Signer.Secret = "vault-signing-two";
        await EventuallyAsync(async () => (await host.CommandAsync("whoami")).StatusCode == HttpStatusCode.OK, "reads resume once Vault is back");
    }

    [Fact]
    public async Task RotatedValuesThatFailValidation_AreNotApplied_AndTheLastGoodOnesServeOn()
    {
        await using var host = await StartAsync();
        var invalid = await VaultFailuresAsync(host, "invalid");

        vault.Put(SlackPath, new() { ["signing_secret"] = "vault-signing-two", ["bot_token"] = "not-a-bot-token" });
        await EventuallyAsync(async () => await VaultFailuresAsync(host, "invalid") > invalid, "the refused rotation is counted");

        var slack = host.Services.GetRequiredService<IOptionsMonitor<SlackOptions>>().CurrentValue;
        slack.BotToken.ShouldBe("xoxb-v1");
        slack.SigningSecret.ShouldBe("vault-signing-one", "a refresh is applied whole or not at all");
        host.Signer.Secret = "vault-signing-one";
        (await host.CommandAsync("whoami")).StatusCode.ShouldBe(HttpStatusCode.OK);

        vault.Put(SlackPath, new() { ["signing_secret"] = "vault-signing-two", ["bot_token"] = "xoxb-v2" });
        await EventuallyAsync(
            () => Task.FromResult(host.Services.GetRequiredService<IOptionsMonitor<SlackOptions>>().CurrentValue.BotToken == "xoxb-v2"),
            "a valid rotation after a refused one is applied");
    }

    private static async Task<double> VaultFailuresAsync(SlackBotHost host, string operation) => MetricsProbe.ValueIn(
        await host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), $"chatops_vault_failures_total{{operation=\"{operation}\"}}");

    private static string Database(SlackBotHost host) =>
        host.Services.GetRequiredService<IOptionsMonitor<TargetOptions>>().CurrentValue.Databases["coredb"].ConnectionString;

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"not seen within 15 s: {what}");
    }

    private Task<SlackBotHost> StartAsync() => SlackBotHost.StartAsync(s =>
    {
        s["ChatOps:Vault:Address"] = vault.Address.ToString();
        s["ChatOps:Vault:AuthMethod"] = "AppRole";
        s["ChatOps:Vault:RoleId"] = "role-chatops";
        s["ChatOps:Vault:SecretId"] = "sid-chatops";
        s["ChatOps:Vault:RefreshInterval"] = "00:00:00.200";
        s["ChatOps:Vault:Secrets:0:Path"] = SlackPath;
        s["ChatOps:Vault:Secrets:0:Map:signing_secret"] = "ChatOps:Slack:SigningSecret";
        s["ChatOps:Vault:Secrets:0:Map:bot_token"] = "ChatOps:Slack:BotToken";
        s["ChatOps:Vault:Secrets:1:Path"] = DatabasePath;
        s["ChatOps:Vault:Secrets:1:Map:connection_string"] = "ChatOps:Databases:coredb:ConnectionString";
    });
}
