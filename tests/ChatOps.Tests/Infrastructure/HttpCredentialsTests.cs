using System.Text;
using ChatOps.Bot.Infrastructure;

namespace ChatOps.Tests.Infrastructure;

/// <summary>One Authorization header for every HTTP API the bot calls: bearer first, else Basic, else none.</summary>
public sealed class HttpCredentialsTests
{
    [Fact]
    public void ABearerToken_TakesPrecedenceOverBasic()
    {
        var header = HttpCredentials.BearerOrBasic("tok", "u:p").ShouldNotBeNull();

        header.Scheme.ShouldBe("Bearer");
        header.Parameter.ShouldBe("tok");
    }

    [Fact]
    public void WithoutAToken_BasicIsTheBase64OfUserColonPassword()
    {
        var header = HttpCredentials.BearerOrBasic(string.Empty, "ops:pä55").ShouldNotBeNull();

        header.Scheme.ShouldBe("Basic");
        Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)).ShouldBe("ops:pä55");
        HttpCredentials.Basic("ops", "pä55").ToString().ShouldBe(header.ToString());
    }

    [Fact]
    public void NeitherConfigured_SendsNoHeader() =>
        HttpCredentials.BearerOrBasic(string.Empty, string.Empty).ShouldBeNull();
}
