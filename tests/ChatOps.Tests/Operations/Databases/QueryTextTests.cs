using ChatOps.Bot.Operations.Databases;

namespace ChatOps.Tests.Operations.Databases;

public sealed class QueryTextTests
{
    [Theory]
    [InlineData("ALTER ROLE app PASSWORD 'hunter2'", "ALTER ROLE app PASSWORD '***'")]
    [InlineData("alter role app with encrypted password 'it''s secret' valid until 'infinity'", "alter role app with encrypted password '***' valid until 'infinity'")]
    [InlineData("CREATE USER x PASSWORD E'a\\'b' LOGIN", "CREATE USER x PASSWORD '***' LOGIN")]
    [InlineData("CREATE ROLE x PASSWORD $p$dollar secret$p$ LOGIN", "CREATE ROLE x PASSWORD '***' LOGIN")]
    [InlineData("ALTER ROLE x PASSWORD 'truncated by the serv", "ALTER ROLE x PASSWORD '***'")]
    [InlineData("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'u', password 'pw')", "CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'u', password '***')")]
    [InlineData("SELECT dblink_connect('host=db user=u password=s3cret dbname=x')", "SELECT dblink_connect('host=db user=u password=*** dbname=x')")]
    [InlineData("select * from f('Host=db;Pwd=s3cret;Database=x')", "select * from f('Host=db;Pwd=***;Database=x')")]
    [InlineData("update t set api_key = 'abc123' where id = 1", "update t set api_key = *** where id = 1")]
    public void MaskSecrets_HidesPasswordsAndKeys(string query, string expected) =>
        QueryText.MaskSecrets(query).ShouldBe(expected);

    [Theory]
    [InlineData("select password_hash from users where id = $1")]
    [InlineData("ALTER ROLE app PASSWORD NULL")]
    [InlineData("select pg_sleep(600)")]
    public void MaskSecrets_LeavesOrdinaryQueriesAlone(string query) => QueryText.MaskSecrets(query).ShouldBe(query);

    [Fact]
    public void ForChat_CollapsesWhitespace_AndShortensWithAnEllipsis()
    {
        var text = QueryText.ForChat("select *\n\t from   orders " + new string('x', 200));

        text.ShouldStartWith("select * from orders xxx");
        text.Length.ShouldBe(QueryText.MaxLength);
        text.ShouldEndWith("…");
    }

    [Fact]
    public void ForChat_MasksBeforeShortening_SoNoSecretTailSurvives()
    {
        var query = new string(' ', 5) + "ALTER ROLE app PASSWORD '" + new string('s', 300) + "'";

        QueryText.ForChat(query).ShouldBe("ALTER ROLE app PASSWORD '***'");
    }
}
