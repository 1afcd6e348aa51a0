using ChatOps.Bot.Core.Redaction;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Configuration;

namespace ChatOps.Tests.Core.Redaction;

/// <summary>
/// Real-looking fake secrets in the places they turn up in query text. Vendor tokens are built by concatenation so
/// no literal token shape sits in the repository.
/// </summary>
internal static class SecretCorpus
{
    /// <summary>The bot's own Slack signing secret in <see cref="Settings"/>: shapeless, caught only because it is configured.</summary>
    public const string SigningSecret = "8f14e45fceea167a5a36dedd4bea2543";

    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["ChatOps:Slack:SigningSecret"] = SigningSecret,
        ["ChatOps:Databases:coredb:ConnectionString"] = "Host=db;Database=core;Username=bot;Password=Db-Pa55-w0rd",
    };

    /// <summary>(text, the secret it holds).</summary>
    public static IReadOnlyList<(string Text, string Secret)> Entries { get; } =
    [
        ("select * from http_get('https://api.example.com/v1', 'Authorization: Bearer abcdef0123456789ABCDEF.ghij')", "abcdef0123456789ABCDEF"),
        ("select set_config('request.jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', false)",
            "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
        ("update cfg set body = '{\"user\": \"svc\", \"password\": \"Tr0ub4dor&3\"}' where id = 7", "Tr0ub4dor&3"),
        ("insert into creds values ('pwd=Zx9!kq22x')", "Zx9!kq22x"),
        ("select dblink_connect('host=db user=u password=s3cretPW dbname=x')", "s3cretPW"),
        ("select * from dblink('postgresql://app:PgPass123x@db:5432/core', 'select 1')", "PgPass123x"),
        ("insert into keys values ('AKIAIOSFODNN7EXAMPLE', 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        ("insert into keys values ('AKIAIOSFODNN7EXAMPLE')", "AKIAIOSFODNN7EXAMPLE"),
        ("insert into certs values ('-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7fakefakefakefakefake\n-----END RSA PRIVATE KEY-----')",
            "MIIEpAIBAAKCAQEA7fakefakefakefakefake"),
        ($"insert into hooks values ('{"xox"}b-000000000000-000000000000-PLACEHOLDER')", "000000000000-000000000000-PLACEHOLDER"),
        ($"insert into hooks values ('{"xa"}pp-1-A0123456-7890123-abcdef0123')", "A0123456-7890123-abcdef0123"),
        ($"select vault_read('{"hv"}s.CAESIJfakeFAKEfake0123456789abc')", "CAESIJfakeFAKEfake0123456789abc"),
        ("update t set api_key = 'k_live_51HfakeKey' where id = 1", "k_live_51HfakeKey"),
        ("select * from f('X-Api-Key: 9b1d5e0c7a', 'client_secret=Cl13ntS3cr3t')", "Cl13ntS3cr3t"),
        ("ALTER ROLE app PASSWORD 'hunter2hunter2'", "hunter2hunter2"),
        ("CREATE ROLE x PASSWORD $p$dollar secret$p$ LOGIN", "dollar secret"),
        ($"select '{SigningSecret}' = current_setting('app.sig')", SigningSecret),
        ("select connect('Host=db;Password=Db-Pa55-w0rd')", "Db-Pa55-w0rd"),
        ("select 1 /* Db-Pa55-w0rd appears bare */", "Db-Pa55-w0rd"),
    ];

    public static SecretRedactor Redactor(params string[] patterns)
    {
        var settings = new Dictionary<string, string?>(Settings);
        for (var i = 0; i < patterns.Length; i++)
        {
            settings[$"{RedactionOptions.SectionName}:Patterns:{i}"] = patterns[i];
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new RedactionOptions();
        configuration.GetSection(RedactionOptions.SectionName).Bind(options);
        return new SecretRedactor(configuration, FixedOptions.Of(options));
    }

    public static SecretRedactor Redactor(IConfiguration configuration)
    {
        return new SecretRedactor(configuration, FixedOptions.Of(new RedactionOptions()));
    }
}
