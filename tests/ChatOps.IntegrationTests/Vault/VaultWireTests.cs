using ChatOps.Bot.Infrastructure.Vault;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Vault;

/// <summary>The bot's own Vault client against a server speaking Vault's HTTP API.</summary>
public sealed class VaultWireTests : IAsyncLifetime
{
    private const string Slack = "secret/ctg-oms/prod/slack";

    private readonly TempDirectory files = new();
    private FakeVaultServer vault = null!;

    public async Task InitializeAsync()
    {
        vault = await FakeVaultServer.StartAsync();
        vault.Mounts["secret"] = 2;
        vault.Mounts["kv1"] = 1;
        vault.Put(Slack, new() { ["signing_secret"] = "sig-one", ["bot_token"] = "xoxb-fake", ["port"] = 5432 });
        vault.Put("kv1/ctg-oms/prod/database", new() { ["connection_string"] = "Host=db;Password=pw-one" });
    }

    public async Task DisposeAsync()
    {
        await vault.DisposeAsync();
        files.Dispose();
    }

    [Fact]
    public async Task ReadsKvV2_KvV1_AndAsksVaultForTheVersionWhenNoneIsGiven()
    {
        var token = vault.CreateToken(TimeSpan.FromHours(1), renewable: true);
        var (kv, _) = Client(new VaultOptions { AuthMethod = VaultAuthMethod.Token, Token = token });

        var v2 = await kv.ReadAsync(Secret(Slack, 2), CancellationToken.None);
        var v1 = await kv.ReadAsync(Secret("kv1/ctg-oms/prod/database", 1), CancellationToken.None);
        var detected = await kv.ReadAsync(Secret(Slack, 0), CancellationToken.None);
        var detectedV1 = await kv.ReadAsync(Secret("kv1/ctg-oms/prod/database", 0), CancellationToken.None);

        v2["signing_secret"].ShouldBe("sig-one");
        v2["port"].ShouldBe("5432");
        v1["connection_string"].ShouldBe("Host=db;Password=pw-one");
        detected["signing_secret"].ShouldBe("sig-one");
        detectedV1["connection_string"].ShouldBe("Host=db;Password=pw-one");
        vault.CallsTo("secret/data/ctg-oms/prod/slack").Count.ShouldBe(2);
        vault.CallsTo("kv1/ctg-oms/prod/database").Count.ShouldBe(2);
        vault.CallsTo("sys/internal/ui/mounts/secret/ctg-oms/prod/slack").Count.ShouldBe(1);
        vault.Calls.ShouldAllBe(c => c.Token == token && c.Method == "GET");
    }

    [Fact]
    public async Task AppRole_LogsInWithTheSecretIdFromItsFile_AndSendsTheNamespaceOnEveryCall()
    {
        vault.Namespace = "ctg/ops";
        vault.AppRoles["role-chatops"] = "sid-from-file";
        var secretIdFile = WriteFile("secret-id", "sid-from-file\n");
        var (kv, _) = Client(new VaultOptions { Namespace = "ctg/ops", AuthMethod = VaultAuthMethod.AppRole, RoleId = "role-chatops", SecretIdFile = secretIdFile });

        (await kv.ReadAsync(Secret(Slack, 2), CancellationToken.None))["signing_secret"].ShouldBe("sig-one");

        var login = vault.CallsTo("auth/approle/login").ShouldHaveSingleItem();
        login.Json!["role_id"]!.GetValue<string>().ShouldBe("role-chatops");
        login.Json!["secret_id"]!.GetValue<string>().ShouldBe("sid-from-file");
        login.Token.ShouldBeNull();
        vault.Calls.ShouldAllBe(c => c.Namespace == "ctg/ops");
        vault.CallsTo("secret/data/ctg-oms/prod/slack").ShouldHaveSingleItem().Token.ShouldBe(vault.IssuedTokens.Single());

        var (outside, _) = Client(new VaultOptions { AuthMethod = VaultAuthMethod.AppRole, RoleId = "role-chatops", SecretId = "sid-from-file" });
        var error = await Should.ThrowAsync<VaultException>(() => outside.ReadAsync(Secret(Slack, 2), CancellationToken.None));
        error.Message.ShouldContain("auth/approle/login");
        error.Message.ShouldContain("403");
    }

    [Fact]
    public async Task Kubernetes_LogsInWithTheRoleAndTheServiceAccountToken_AndARefusalNamesTheLoginPath()
    {
        vault.KubernetesRoles["chatops-bot"] = "eyJhbGciOiJSUzI1NiJ9.sa-jwt.sig";
        var jwtFile = WriteFile("token", "eyJhbGciOiJSUzI1NiJ9.sa-jwt.sig");
        var (kv, _) = Client(new VaultOptions { AuthMethod = VaultAuthMethod.Kubernetes, Role = "chatops-bot", ServiceAccountTokenFile = jwtFile });

        (await kv.ReadAsync(Secret(Slack, 2), CancellationToken.None))["bot_token"].ShouldBe("xoxb-fake");

        var login = vault.CallsTo("auth/kubernetes/login").ShouldHaveSingleItem();
        login.Json!["role"]!.GetValue<string>().ShouldBe("chatops-bot");
        login.Json!["jwt"]!.GetValue<string>().ShouldBe("eyJhbGciOiJSUzI1NiJ9.sa-jwt.sig");

        var (wrongRole, _) = Client(new VaultOptions { AuthMethod = VaultAuthMethod.Kubernetes, Role = "other", ServiceAccountTokenFile = jwtFile });
        var error = await Should.ThrowAsync<VaultException>(() => wrongRole.ReadAsync(Secret(Slack, 2), CancellationToken.None));
        error.Message.ShouldBe($"{Slack}: Vault refused auth/kubernetes/login (400: invalid role name \"other\")");

        var (noFile, _) = Client(new VaultOptions { AuthMethod = VaultAuthMethod.Kubernetes, Role = "chatops-bot", ServiceAccountTokenFile = Path.Combine(files.Path, "absent") });
        (await Should.ThrowAsync<VaultException>(() => noFile.ReadAsync(Secret(Slack, 2), CancellationToken.None)))
            .Message.ShouldContain("ChatOps:Vault:ServiceAccountTokenFile");
    }

    [Fact]
    public async Task ErrorBodies_BecomeOneLineNamingThePathAndStatus_WithoutTheToken()
    {
        var token = vault.CreateToken(TimeSpan.FromHours(1), renewable: true);
        var (kv, _) = Client(new VaultOptions { AuthMethod = VaultAuthMethod.Token, Token = token });
        await kv.ReadAsync(Secret(Slack, 2), CancellationToken.None);

        vault.Denied[Slack] = true;
        var denied = await Should.ThrowAsync<VaultException>(() => kv.ReadAsync(Secret(Slack, 2), CancellationToken.None));
        vault.Denied.Clear();
        var missing = await Should.ThrowAsync<VaultException>(() => kv.ReadAsync(Secret("secret/ctg-oms/prod/nothing", 2), CancellationToken.None));
        vault.Sealed = true;
        var sealedVault = await Should.ThrowAsync<VaultException>(() => kv.ReadAsync(Secret(Slack, 2), CancellationToken.None));
        var (unreachable, _) = Client(new VaultOptions { Address = $"http://127.0.0.1:{BotProcess.FreePort()}", Token = token });
        var down = await Should.ThrowAsync<VaultException>(() => unreachable.ReadAsync(Secret(Slack, 2), CancellationToken.None));

        denied.Message.ShouldBe($"{Slack}: Vault denied access to secret/data/ctg-oms/prod/slack (403: 1 error occurred: * permission denied)");
        denied.Status.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        missing.Message.ShouldBe("secret/ctg-oms/prod/nothing: Vault has nothing at (missing, or not permitted) secret/data/ctg-oms/prod/nothing (404)");
        sealedVault.Message.ShouldBe($"{Slack}: Vault is sealed or unavailable for secret/data/ctg-oms/prod/slack (503: Vault is sealed)");
        down.Message.ShouldStartWith($"{Slack}: Vault at http://127.0.0.1:");
        down.Message.ShouldContain("is unreachable (auth/token/lookup-self)");
        foreach (var e in new[] { denied, missing, sealedVault, down })
        {
            e.Message.ShouldNotContain(token);
            e.Message.ShouldNotContain("sig-one");
            e.Message.ShouldNotContain("\n");
        }
    }

    [Fact]
    public async Task RenewSelf_ExtendsTheLeaseAtTwoThirds_AndARefusedRenewalLogsInAgain()
    {
        vault.AppRoles["role-chatops"] = "sid";
        var clock = new SteppedClock(DateTimeOffset.UtcNow);
        var (_, tokens) = Client(new VaultOptions { AuthMethod = VaultAuthMethod.AppRole, RoleId = "role-chatops", SecretId = "sid" }, clock);
        var first = await tokens.TokenAsync(CancellationToken.None);
        tokens.RenewAt.ShouldBe(clock.GetUtcNow() + TimeSpan.FromMinutes(40));

        (await tokens.RenewIfDueAsync(CancellationToken.None)).ShouldBe(VaultRenewal.NotDue);
        clock.Advance(TimeSpan.FromMinutes(40));
        (await tokens.RenewIfDueAsync(CancellationToken.None)).ShouldBe(VaultRenewal.Renewed);
        var renew = vault.CallsTo("auth/token/renew-self").ShouldHaveSingleItem();
        renew.Token.ShouldBe(first);
        renew.Json!["increment"]!.GetValue<string>().ShouldBe("3600s");
        (await tokens.TokenAsync(CancellationToken.None)).ShouldBe(first);

        vault.RefuseRenewals = true;
        vault.TokensRenewable = false;
        clock.Advance(TimeSpan.FromMinutes(40));
        (await tokens.RenewIfDueAsync(CancellationToken.None)).ShouldBe(VaultRenewal.LoggedIn);
        var second = await tokens.TokenAsync(CancellationToken.None);
        second.ShouldNotBe(first);
        vault.CallsTo("auth/approle/login").Count.ShouldBe(2);

        vault.RefuseRenewals = false;
        clock.Advance(TimeSpan.FromMinutes(40));
        (await tokens.RenewIfDueAsync(CancellationToken.None)).ShouldBe(VaultRenewal.LoggedIn);
        vault.CallsTo("auth/token/renew-self").Count.ShouldBe(2, "a token Vault says is not renewable is replaced, not renewed");
    }

    [Fact]
    public async Task ConfiguredToken_IsLookedUp_ForItsLease_AndARootTokenIsNeverRenewed()
    {
        var clock = new SteppedClock(DateTimeOffset.UtcNow);
        var renewable = vault.CreateToken(TimeSpan.FromHours(3), renewable: true);
        var (_, tokens) = Client(new VaultOptions { Token = renewable }, clock);
        (await tokens.TokenAsync(CancellationToken.None)).ShouldBe(renewable);
        tokens.RenewAt!.Value.ShouldBeInRange(clock.GetUtcNow() + TimeSpan.FromMinutes(119), clock.GetUtcNow() + TimeSpan.FromMinutes(120));

        var root = vault.CreateToken(TimeSpan.Zero, renewable: false);
        var (_, rootTokens) = Client(new VaultOptions { Token = root }, clock);
        (await rootTokens.TokenAsync(CancellationToken.None)).ShouldBe(root);
        rootTokens.RenewAt.ShouldBeNull();
        vault.CallsTo("auth/token/lookup-self").Select(c => c.Token).ShouldBe([renewable, root]);
    }

    [Fact]
    public async Task RevokedToken_IsReplacedByOneMoreLogin_BeforeAReadCountsAsDenied()
    {
        vault.AppRoles["role-chatops"] = "sid";
        var (kv, tokens) = Client(new VaultOptions { AuthMethod = VaultAuthMethod.AppRole, RoleId = "role-chatops", SecretId = "sid" });
        await kv.ReadAsync(Secret(Slack, 2), CancellationToken.None);
        vault.Revoke(await tokens.TokenAsync(CancellationToken.None));

        (await kv.ReadAsync(Secret(Slack, 2), CancellationToken.None))["signing_secret"].ShouldBe("sig-one");

        vault.CallsTo("auth/approle/login").Count.ShouldBe(2);
    }

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(files.Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static VaultSecretMapping Secret(string path, int version) =>
        new() { Path = path, KvVersion = version, Map = { ["signing_secret"] = "ChatOps:Slack:SigningSecret" } };

    private (VaultKv Kv, VaultTokenKeeper Tokens) Client(VaultOptions options, TimeProvider? clock = null)
    {
        if (options.Address.Length == 0)
        {
            options.Address = vault.Address.ToString();
        }

        var http = new VaultHttp(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, options);
        var tokens = new VaultTokenKeeper(new VaultAuthenticator(http, options), clock ?? TimeProvider.System);
        return (new VaultKv(http, tokens), tokens);
    }
}
