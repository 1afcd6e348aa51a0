using ChatOps.Bot.Features.Databases;
using ChatOps.Tests.Core.Redaction;

namespace ChatOps.Tests.Features.Databases;

public sealed class QueryTextTests
{
    [Fact]
    public void ForChat_CollapsesWhitespace_AndShortensWithAnEllipsis()
    {
        var text = QueryText.ForChat(SecretCorpus.Redactor(), "select *\n\t from   orders " + new string('x', 200));

        text.ShouldStartWith("select * from orders xxx");
        text.Length.ShouldBe(QueryText.MaxLength);
        text.ShouldEndWith("…");
    }

    [Fact]
    public void ForChat_MasksBeforeShortening_SoNoSecretTailSurvives()
    {
        var query = new string(' ', 5) + "ALTER ROLE app PASSWORD '" + new string('s', 300) + "'";

        QueryText.ForChat(SecretCorpus.Redactor(), query).ShouldBe("ALTER ROLE app PASSWORD ***");
    }
}
