using System.Net;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Infrastructure.Vault;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Infrastructure.Vault;

public sealed class VaultConfigurationTests
{
    private readonly FakeSecrets secrets = new();
    private readonly VaultOptions options = new()
    {
        Address = "http://vault:8200",
        RefreshInterval = TimeSpan.FromMinutes(5),
        Secrets =
        [
            new() { Path = "secret/ctg-oms/prod/slack", Map = { ["signing_secret"] = "ChatOps:Slack:SigningSecret" } },
            new() { Path = "secret/ctg-oms/prod/database", Map = { ["connection_string"] = "ChatOps:Databases:coredb:ConnectionString" } },
        ],
    };

    public VaultConfigurationTests()
    {
        secrets.Values["secret/ctg-oms/prod/slack"] = new() { ["signing_secret"] = "sig-one", ["unmapped"] = "x" };
        secrets.Values["secret/ctg-oms/prod/database"] = new() { ["connection_string"] = "Host=db;Password=pw-one" };
    }

    [Fact]
    public void Load_MapsTheListedFieldsOntoConfigurationKeys_AndNothingElse()
    {
        var configuration = Build(out _);

        configuration["ChatOps:Slack:SigningSecret"].ShouldBe("sig-one");
        configuration["ChatOps:Databases:coredb:ConnectionString"].ShouldBe("Host=db;Password=pw-one");
        configuration.AsEnumerable().ShouldNotContain(kv => kv.Value == "x");
    }

    [Fact]
    public void Load_FailsNamingThePathAndTheMissingField_WithoutValues()
    {
        secrets.Values["secret/ctg-oms/prod/slack"].Remove("signing_secret");

        var error = Should.Throw<VaultException>(() => Build(out _));

        error.Message.ShouldBe("secret/ctg-oms/prod/slack has no field 'signing_secret' (mapped to ChatOps:Slack:SigningSecret); its fields: unmapped");
    }

    [Fact]
    public async Task Refresh_ReloadsOnlyWhenAValueChanged_AndNamesTheKeys()
    {
        var configuration = Build(out var provider);
        var reloads = 0;
        Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, () => reloads++);

        (await provider.RefreshAsync(CancellationToken.None)).ShouldBeEmpty();
        reloads.ShouldBe(0);

        secrets.Values["secret/ctg-oms/prod/slack"]["signing_secret"] = "sig-two";
        (await provider.RefreshAsync(CancellationToken.None)).ShouldBe(["ChatOps:Slack:SigningSecret"]);

        reloads.ShouldBe(1);
        configuration["ChatOps:Slack:SigningSecret"].ShouldBe("sig-two");
    }

    [Fact]
    public async Task FailedRefresh_KeepsTheLastValues_WarnsWithoutValues_CountsIt_AndRetriesSooner()
    {
        var configuration = Build(out var provider);
        var logger = new ListLogger();
        var clock = new TestClock();
        using var metrics = new MetricsProbe();
        var service = new VaultRefreshService(provider, new VaultTokenKeeper(new FakeVaultAuth(), clock), options, clock, metrics.Metrics, logger);
        secrets.Failure = new VaultException("secret/ctg-oms/prod/slack: Vault is sealed or unavailable for secret/data/ctg-oms/prod/slack (503: Vault is sealed)", "secret/ctg-oms/prod/slack", HttpStatusCode.ServiceUnavailable);
        secrets.Values["secret/ctg-oms/prod/slack"]["signing_secret"] = "sig-two";

        (await service.RefreshAsync(CancellationToken.None)).ShouldBe(TimeSpan.FromSeconds(30));

        configuration["ChatOps:Slack:SigningSecret"].ShouldBe("sig-one");
        (await metrics.ValueAsync("chatops_vault_failures_total{operation=\"read\"}")).ShouldBe(1);
        logger.Lines.ShouldHaveSingleItem().ShouldBe(
            "Warning Vault refresh failed, keeping the last values: secret/ctg-oms/prod/slack: Vault is sealed or unavailable for secret/data/ctg-oms/prod/slack (503: Vault is sealed)");

        secrets.Failure = null;
        (await service.RefreshAsync(CancellationToken.None)).ShouldBe(TimeSpan.FromMinutes(5));
        configuration["ChatOps:Slack:SigningSecret"].ShouldBe("sig-two");
        logger.Lines[^1].ShouldBe("Information Vault secrets changed; configuration reloaded for ChatOps:Slack:SigningSecret");
        logger.Lines.ShouldAllBe(l => !l.Contains("sig-one") && !l.Contains("sig-two") && !l.Contains("pw-one"));
    }

    [Fact]
    public async Task RotatedValueThatFailsValidation_IsRevertedWhole_AndOnlyTheKeyIsLogged()
    {
        var configuration = Build(out var provider);
        var logger = new ListLogger();
        var clock = new TestClock();
        var validator = new ConfigurationValidator(configuration);
        using var metrics = new MetricsProbe();
        var service = new VaultRefreshService(provider, new VaultTokenKeeper(new FakeVaultAuth(), clock), options, clock, metrics.Metrics, logger, validator);
        secrets.Values["secret/ctg-oms/prod/slack"]["signing_secret"] = "sig-bad";
        secrets.Values["secret/ctg-oms/prod/database"]["connection_string"] = "Host=db;Password=pw-two";

        (await service.RefreshAsync(CancellationToken.None)).ShouldBe(TimeSpan.FromMinutes(5));

        configuration["ChatOps:Slack:SigningSecret"].ShouldBe("sig-one");
        configuration["ChatOps:Databases:coredb:ConnectionString"].ShouldBe("Host=db;Password=pw-one");
        logger.Lines.ShouldBe(["Warning Vault secrets changed but fail validation at ChatOps:Slack:SigningSecret; keeping the last values"]);

        var reloads = 0;
        Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, () => reloads++);
        await service.RefreshAsync(CancellationToken.None);
        reloads.ShouldBe(0, "the refused values are not applied again while Vault still holds them");

        secrets.Values["secret/ctg-oms/prod/slack"]["signing_secret"] = "sig-good";
        await service.RefreshAsync(CancellationToken.None);
        configuration["ChatOps:Slack:SigningSecret"].ShouldBe("sig-good");
        configuration["ChatOps:Databases:coredb:ConnectionString"].ShouldBe("Host=db;Password=pw-two");
    }

    [Fact]
    public async Task UnexpectedRefreshFailure_IsLoggedAndRetried_NotFatalToTheHost()
    {
        var configuration = Build(out var provider);
        var logger = new ListLogger();
        var clock = new TestClock();
        using var metrics = new MetricsProbe();
        var service = new VaultRefreshService(provider, new VaultTokenKeeper(new FakeVaultAuth(), clock), options, clock, metrics.Metrics, logger);
        secrets.Unexpected = new InvalidOperationException("The requested operation requires an element of type 'String'.");

        (await service.RefreshAsync(CancellationToken.None)).ShouldBe(TimeSpan.FromSeconds(30));

        configuration["ChatOps:Slack:SigningSecret"].ShouldBe("sig-one");
        logger.Lines.ShouldHaveSingleItem().ShouldStartWith("Warning Vault refresh failed, keeping the last values: InvalidOperationException: ");
    }

    [Theory]
    [InlineData("RoleId", "ChatOps:Vault:RoleId: must be set when AuthMethod is AppRole")]
    [InlineData("Secrets", "ChatOps:Vault:Secrets: list at least one secret to read when Address is set")]
    [InlineData("Path", "ChatOps:Vault:Secrets:0:Path: 'secret' must be <mount>/<path> without empty, '.' or '..' segments")]
    [InlineData("Map", "ChatOps:Vault:Secrets:0:Map:token: Vault's own settings cannot come from Vault")]
    [InlineData("Twice", "ChatOps:Vault:Secrets:1:Map:signing_secret: 'ChatOps:Slack:SigningSecret' is already mapped by ChatOps:Vault:Secrets:0")]
    [InlineData("Interval", "ChatOps:Vault:RefreshInterval: 00:00:00 must be between 00:00:00.100 and 1.00:00:00")]
    public void BadVaultSettings_AreRefused_NamingTheKey(string what, string message)
    {
        var bad = new VaultOptions
        {
            Address = "http://vault:8200",
            AuthMethod = VaultAuthMethod.AppRole,
            RoleId = what == "RoleId" ? string.Empty : "role",
            SecretId = "sid",
            RefreshInterval = what == "Interval" ? TimeSpan.Zero : TimeSpan.FromMinutes(5),
        };
        if (what != "Secrets")
        {
            bad.Secrets.Add(new() { Path = what == "Path" ? "secret" : "secret/a", Map = { [what == "Map" ? "token" : "signing_secret"] = what == "Map" ? "ChatOps:Vault:Token" : "ChatOps:Slack:SigningSecret" } });
        }

        if (what == "Twice")
        {
            bad.Secrets.Add(new() { Path = "secret/b", Map = { ["signing_secret"] = "ChatOps:Slack:SigningSecret" } });
        }

        var result = new VaultOptionsValidator().Validate(null, bad);

        result.Failures.ShouldNotBeNull().ShouldBe([message]);
    }

    [Fact]
    public void NoAddress_IsValid_WhateverElseIsSet()
    {
        new VaultOptionsValidator().Validate(null, new VaultOptions { AuthMethod = VaultAuthMethod.AppRole }).Succeeded.ShouldBeTrue();
    }

    private IConfigurationRoot Build(out VaultConfigurationProvider provider)
    {
        provider = new VaultConfigurationProvider(options, secrets);
        return new ConfigurationBuilder().Add(new VaultConfigurationSource(provider)).Build();
    }

    /// <summary>Stands in for the host's options validation: refuses a signing secret that says it is bad, quoting it.</summary>
    private sealed class ConfigurationValidator(IConfiguration configuration) : Microsoft.Extensions.Options.IStartupValidator
    {
        public void Validate()
        {
            if (configuration["ChatOps:Slack:SigningSecret"] is { } v && v.EndsWith("bad", StringComparison.Ordinal))
            {
                throw new Microsoft.Extensions.Options.OptionsValidationException("ChatOps:Slack", typeof(SlackOptions), [$"ChatOps:Slack:SigningSecret: '{v}' is refused"]);
            }
        }
    }

    private sealed class FakeSecrets : IVaultSecretReader
    {
        public Dictionary<string, Dictionary<string, string>> Values { get; } = [];

        public VaultException? Failure { get; set; }

        public Exception? Unexpected { get; set; }

        public Task<IReadOnlyDictionary<string, string>> ReadAsync(VaultSecretMapping secret, CancellationToken cancellationToken) =>
            (Failure ?? Unexpected) is { } f
                ? Task.FromException<IReadOnlyDictionary<string, string>>(f)
                : Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(Values[secret.Path]));
    }

    /// <summary>Captures what the service logs, rendered, to prove no secret value is ever written.</summary>
    private sealed class ListLogger : ILogger<VaultRefreshService>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel} {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}");
    }
}
