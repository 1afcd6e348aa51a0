using ChatOps.Bot.Core.Redaction;
using Microsoft.Extensions.Configuration;

namespace ChatOps.Tests.Core.Redaction;

[Trait("Category", "Adversarial")]
public sealed class SecretRedactorTests
{
    public static TheoryData<string, string> Corpus()
    {
        var data = new TheoryData<string, string>();
        foreach (var (text, secret) in SecretCorpus.Entries)
        {
            data.Add(text, secret);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Redact_MasksEverySecretOfTheCorpus_AndCountsIt(string text, string secret)
    {
        using var redactor = SecretCorpus.Redactor();

        var result = redactor.Redact(text);

        result.Text.ShouldNotContain(secret);
        result.Text.ShouldContain(Redacted.Mask);
        result.Masked.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("ALTER ROLE app PASSWORD 'hunter2'", "ALTER ROLE app PASSWORD ***")]
    [InlineData("select dblink_connect('host=db user=u password=s3cret dbname=x')", "select dblink_connect('host=db user=u password=*** dbname=x')")]
    [InlineData("select * from f('Host=db;Pwd=s3cret;Database=x')", "select * from f('Host=db;Pwd=***;Database=x')")]
    [InlineData("select dblink('postgresql://app:pw@db/x')", "select dblink('postgresql://app:***@db/x')")]
    [InlineData("GET / HTTP/1.1 Authorization: Bearer abcdef0123456789", "GET / HTTP/1.1 Authorization: Bearer ***")]
    public void Redact_KeepsWhatTheSecretIs_AndMasksOnlyItsValue(string text, string expected) =>
        SecretCorpus.Redactor().Redact(text).Text.ShouldBe(expected);

    [Theory]
    [InlineData("select password_hash from users where id = $1")]
    [InlineData("ALTER ROLE app PASSWORD NULL")]
    [InlineData("select pg_sleep(600)")]
    [InlineData("select basic information_schema.tables, token_count from t")]
    [InlineData("select * from orders where created_at > now() - interval '5 minutes'")]
    public void Redact_LeavesOrdinaryTextAlone(string text)
    {
        var result = SecretCorpus.Redactor().Redact(text);

        result.Text.ShouldBe(text);
        result.Masked.ShouldBe(0);
    }

    [Fact]
    public void Redact_CountsEachMaskedSpan()
    {
        var result = SecretCorpus.Redactor().Redact("password=a1b2c3 token=d4e5f6 and Bearer abcdef0123456789");

        result.Masked.ShouldBe(3);
        result.Text.ShouldBe("password=*** token=*** and Bearer ***");
    }

    [Fact]
    public void Redact_UsesConfiguredPatterns_MaskingTheirSecretGroup()
    {
        var result = SecretCorpus.Redactor(@"acme-key-(?<secret>[0-9a-f]{12})").Redact("select 'acme-key-0123456789ab'");

        result.Text.ShouldBe("select 'acme-key-***'");
    }

    [Fact]
    public void Redact_PicksUpSecretsAddedOnReload()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        using var redactor = SecretCorpus.Redactor(configuration);
        redactor.Redact("select 'Qz7-vault-rotated'").Masked.ShouldBe(0);

        configuration["ChatOps:Vault:Token"] = "Qz7-vault-rotated";
        configuration.Reload();

        redactor.Redact("select 'Qz7-vault-rotated'").Text.ShouldBe("select '***'");
    }

    [Fact]
    public void Redact_TextThatCannotBeScannedInTime_IsMaskedWhole()
    {
        // A configured pattern with catastrophic backtracking: the engine gives up after its timeout and fails closed.
        var result = SecretCorpus.Redactor(@"^(a+)+$").Redact(new string('a', 40) + "!");

        result.Text.ShouldBe(SecretRedactor.Unscannable);
    }

    [Theory]
    [InlineData("(unclosed", "is not a valid regular expression")]
    [InlineData("a*", "matches the empty string")]
    public void Options_RefuseBadPatterns(string pattern, string reason)
    {
        var result = new RedactionOptionsValidator().Validate(null, new RedactionOptions { Patterns = [pattern] });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain($"ChatOps:Redaction:Patterns:0: {reason}");
    }
}
