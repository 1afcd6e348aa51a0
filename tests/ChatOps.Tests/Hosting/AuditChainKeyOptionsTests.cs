using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Hosting;

public sealed class AuditChainKeyOptionsTests
{
    private const string Secret = "an-ops-chain-key-that-is-long-enough-0123";

    private static List<string> Failures(Action<Dictionary<string, string?>> configure)
    {
        using var bot = new DisposableBot(TestBot.Create(configure));
        try
        {
            _ = bot.Bot.Services.GetRequiredService<IOptions<AuditOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
    }

    [Theory]
    [InlineData("short", "2026", "ChatOps:Audit:ChainKeys:0:Secret: the secret of chain key '2026' must be at least 32 bytes")]
    [InlineData(Secret, "", "ChatOps:Audit:ChainKeys:0:Id: '' must be 1-64 letters")]
    [InlineData(Secret, "local", "ChatOps:Audit:ChainKeys:0:Id: 'local' is reserved")]
    public void BadKey_FailsValidation_NamingTheKey_NotTheSecret(string secret, string id, string message)
    {
        var failures = Failures(s =>
        {
            s["ChatOps:Audit:ChainKeys:0:Id"] = id;
            s["ChatOps:Audit:ChainKeys:0:Secret"] = secret;
            s["ChatOps:Audit:ActiveKeyId"] = id;
        });

        failures.ShouldContain(f => f.StartsWith(message, StringComparison.Ordinal), string.Join("\n", failures));
        failures.ShouldAllBe(f => !f.Contains(secret));
    }

    [Fact]
    public void DuplicateIds_AndAMissingActiveId_FailValidation()
    {
        var failures = Failures(s =>
        {
            s["ChatOps:Audit:ChainKeys:0:Id"] = "a";
            s["ChatOps:Audit:ChainKeys:0:Secret"] = Secret;
            s["ChatOps:Audit:ChainKeys:1:Id"] = "a";
            s["ChatOps:Audit:ChainKeys:1:Secret"] = Secret;
            s["ChatOps:Audit:ActiveKeyId"] = "b";
        });

        failures.ShouldContain("ChatOps:Audit:ChainKeys:1:Id: 'a' is used by two chain keys");
        failures.ShouldContain("ChatOps:Audit:ActiveKeyId: 'b' must be the id of one of ChatOps:Audit:ChainKeys");
    }

    [Fact]
    public void PostgresWithoutKeys_FailsValidation_BecauseReplicasMustShareTheKey() =>
        Failures(s => s["ChatOps:Store:Provider"] = "Postgres").ShouldContain(
            "ChatOps:Audit:ChainKeys: must be set with the Postgres store: replicas share one chain and must share its key");

    [Fact]
    public void Keyring_CreatesAnOwnerOnlyKeyFileNextToTheSqliteStore_AndReusesIt()
    {
        var dir = Directory.CreateTempSubdirectory("chatops-keyring-");
        try
        {
            var store = new StoreOptions { ConnectionString = $"Data Source={Path.Combine(dir.FullName, "data", "chatops.db")}" };
            var first = AuditChainKeyring.Resolve(new AuditOptions(), store).Keys;
            var second = AuditChainKeyring.Resolve(new AuditOptions(), store).Keys;
            var file = Path.Combine(dir.FullName, "data", AuditChainKeyring.KeyFileName);

            first.Active.Id.ShouldBe("local");
            AuditChainKeyring.Resolve(new AuditOptions(), store).Warning.ShouldBe(
                $"The audit chain key is local ({file}): anyone who can read that file can forge the chain; set ChatOps:Audit:ChainKeys from Vault");
            AuditChain.Hash(AuditChain.Genesis, 1, Sample, first.Active).ShouldBe(AuditChain.Hash(AuditChain.Genesis, 1, Sample, second.Active));
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            // Configuring keys later keeps the local key for the records written with it.
            var configured = new AuditOptions { ChainKeys = [new AuditChainKeyOptions { Id = "vault-1", Secret = Secret }], ActiveKeyId = "vault-1" };
            var rotated = AuditChainKeyring.Resolve(configured, store).Keys;
            rotated.Active.Id.ShouldBe("vault-1");
            rotated.Find("local").ShouldNotBeNull();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Keyring_UsesAnEphemeralKey_ForAnInMemoryStore() =>
        AuditChainKeyring.Resolve(new AuditOptions(), new StoreOptions { ConnectionString = "Data Source=:memory:" })
            .Keys.Active.Id.ShouldBe("local");

    private static readonly AuditRecord Sample = new(
        "r-1", DateTimeOffset.UnixEpoch, "console", "alice", "alice", "console", "x", "x", null,
        AuditDecision.Allowed, null, AuditOutcome.Succeeded, null, 0, "r-1");

    private sealed class DisposableBot(TestBot bot) : IDisposable
    {
        public TestBot Bot => bot;

        public void Dispose() => bot.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
