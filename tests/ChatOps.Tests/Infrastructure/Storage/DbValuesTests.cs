using ChatOps.Bot.Infrastructure.Storage;
using Microsoft.Data.Sqlite;

namespace ChatOps.Tests.Infrastructure.Storage;

public sealed class DbValuesTests
{
    [Fact]
    public void AParameter_IsNamedAsInTheSql_WithItsPrefix()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        using var command = DbValues.Command(connection, null, "SELECT @id");

        Should.Throw<ArgumentException>(() => command.Add("id", "x")).Message.ShouldContain("'id'");
        command.Parameters.Count.ShouldBe(0);

        command.Add("@id", "x");
        command.Set("@id", "y");
        command.Parameters.Count.ShouldBe(1);
        command.Parameters[0].Value.ShouldBe("y");
    }
}
