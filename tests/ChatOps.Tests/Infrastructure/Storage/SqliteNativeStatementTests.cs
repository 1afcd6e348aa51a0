using ChatOps.Bot.Infrastructure.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOps.Tests.Infrastructure.Storage;

/// <summary>
/// The writer's natively run statements bind and report exactly as the provider's commands did: text as given (the
/// empty string is not NULL), the rows a statement itself changed, and failures as <see cref="SqliteException"/>.
/// </summary>
public sealed class SqliteNativeStatementTests : IDisposable
{
    private readonly SqliteConnection connection = Open();

    public void Dispose() => connection.Dispose();

    private static SqliteConnection Open()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT, n INTEGER NOT NULL)";
        create.ExecuteNonQuery();
        return connection;
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("é ☃ 𝄞 \u0001 quote' \"")]
    public void Text_IsStoredAsGiven_AndTheEmptyStringIsNotNull(string value)
    {
        using var insert = SqliteNativeStatement.Prepare(connection, "INSERT INTO t (k, v, n) VALUES (@k, @v, @n)");
        insert.Set("@k", "a");
        insert.Set("@v", value);
        insert.Set("@n", long.MaxValue);
        insert.Execute().ShouldBe(1);

        using var read = SqliteNativeStatement.Prepare(connection, "SELECT v, v IS NULL, n FROM t WHERE k = @k");
        read.Set("@k", "a");
        read.Step().ShouldBeTrue();
        read.Text(0).ShouldBe(value);
        read.Int64(1).ShouldBe(0);
        read.Int64(2).ShouldBe(long.MaxValue);
        read.Step().ShouldBeFalse();
    }

    /// <summary>
    /// The audit hashes a record's text as .NET encodes it; the stored bytes must be those, hostile text included, or
    /// the chain no longer verifies. Compared with what the provider's own command stores for the same text.
    /// </summary>
    [Theory]
    [InlineData("lone high \uD800 then text")]
    [InlineData("lone low \uDC00 end")]
    [InlineData("high at the end \uD83D")]
    [InlineData("reversed pair \uDE00\uD83D")]
    [InlineData("nul \0 inside")]
    [InlineData("\uFEFFleading byte order mark")]
    [InlineData("\uFFFEleading reversed byte order mark")]
    public void HostileText_IsStoredByteForByte_AsTheProviderStoresIt(string value)
    {
        using (var insert = SqliteNativeStatement.Prepare(connection, "INSERT INTO t (k, v, n) VALUES ('native', @v, 1)"))
        {
            insert.Set("@v", value);
            insert.Execute();
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO t (k, v, n) VALUES ('provider', @v, 1)";
            command.Parameters.AddWithValue("@v", value);
            command.ExecuteNonQuery();
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT hex(CAST(v AS BLOB)) FROM t ORDER BY k";
        using var reader = read.ExecuteReader();
        reader.Read().ShouldBeTrue();
        var native = reader.GetString(0);
        reader.Read().ShouldBeTrue();
        reader.GetString(0).ShouldBe(native);
        native.ShouldBe(Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(value)));
    }

    [Fact]
    public void LongText_IsStoredWhole()
    {
        var value = string.Concat(Enumerable.Repeat("é☃𝄞x", 2_000));
        using var insert = SqliteNativeStatement.Prepare(connection, "INSERT INTO t (k, v, n) VALUES ('a', @v, 1)");
        insert.Set("@v", value);
        insert.Execute();

        using var read = SqliteNativeStatement.Prepare(connection, "SELECT v FROM t");
        read.Step().ShouldBeTrue();
        read.Text(0).ShouldBe(value);
        read.Reset();
    }

    [Fact]
    public void Null_IsStoredAsNull_AndReadBackAsNull()
    {
        using var insert = SqliteNativeStatement.Prepare(connection, "INSERT INTO t (k, v, n) VALUES (@k, @v, 1)");
        insert.Set("@k", "a");
        insert.Set("@v", null);
        insert.Execute();

        using var read = SqliteNativeStatement.Prepare(connection, "SELECT v FROM t WHERE v IS NULL");
        read.Step().ShouldBeTrue();
        read.Text(0).ShouldBeNull();
        read.Reset();
    }

    /// <summary>The claim counts on it: an upsert whose WHERE is false changed nothing, whatever ran before it.</summary>
    [Fact]
    public async Task Changes_AreTheStatementsOwn_ZeroForAnUpsertThatChangedNothing()
    {
        using var upsert = SqliteNativeStatement.Prepare(
            connection, "INSERT INTO t (k, v, n) VALUES (@k, @v, 1) ON CONFLICT (k) DO UPDATE SET v = excluded.v WHERE t.v = 'old'");
        upsert.Set("@k", "a");
        upsert.Set("@v", "new");
        (await upsert.ExecuteAsync(CancellationToken.None)).ShouldBe(1);
        (await upsert.ExecuteAsync(CancellationToken.None)).ShouldBe(0, "the row exists and is not 'old'");

        using var owner = SqliteNativeStatement.Prepare(connection, "SELECT v FROM t WHERE k = @k");
        owner.Set("@k", "a");
        (await owner.ReadTextAsync(CancellationToken.None)).ShouldBe("new");
        owner.Set("@k", "none");
        (await owner.ReadTextAsync(CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public void AFailedRun_ThrowsTheProvidersException_AndTheStatementRunsAgainAfterIt()
    {
        using var insert = SqliteNativeStatement.Prepare(connection, "INSERT INTO t (k, v, n) VALUES (@k, 'x', @n)");
        insert.Set("@k", "a");
        insert.Set("@n", 1);
        insert.Execute();

        Should.Throw<SqliteException>(() => insert.Execute()).SqliteErrorCode.ShouldBe(19, "constraint: the key exists");

        insert.Set("@k", "b");
        insert.Execute().ShouldBe(1);
    }

    [Theory]
    [InlineData("k")]
    [InlineData("@missing")]
    public void AParameterNotNamedAsInTheSql_IsRefused(string name)
    {
        using var read = SqliteNativeStatement.Prepare(connection, "SELECT v FROM t WHERE k = @k");

        Should.Throw<ArgumentException>(() => read.Set(name, "a")).Message.ShouldContain($"'{name}'");
    }

    [Fact]
    public void MoreThanOneStatement_IsRefused_RatherThanTheRestSilentlyDropped()
    {
        Should.Throw<ArgumentException>(() => SqliteNativeStatement.Prepare(connection, "DELETE FROM t; DROP TABLE t"))
            .Message.ShouldContain("DROP TABLE t");
    }
}
