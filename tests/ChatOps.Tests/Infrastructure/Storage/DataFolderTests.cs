using ChatOps.Bot.Infrastructure.Storage;

namespace ChatOps.Tests.Infrastructure.Storage;

/// <summary>Issue 21: ./data is the folder the bot was started in, not the binary's, and is fixed once as an absolute path.</summary>
public sealed class DataFolderTests
{
    private static readonly string Work = Path.Combine(Path.GetTempPath(), "chatops-work");

    [Fact]
    public void RelativeFile_IsAnchoredToTheWorkingDirectory()
    {
        var anchored = DataFolder.Anchor("Data Source=data/chatops.db", Work);

        DataFolder.FileOf(anchored).ShouldBe(Path.Combine(Work, "data", "chatops.db"));
        DataFolder.Of(new StoreOptions { ConnectionString = anchored }).ShouldBe(Path.Combine(Work, "data"));
    }

    [Fact]
    public void OtherSettings_SurviveAnchoring()
    {
        var anchored = DataFolder.Anchor("Data Source=data/chatops.db;Cache=Shared", Work);

        anchored.ShouldContain("Cache=Shared");
    }

    [Theory]
    [InlineData("Data Source=/var/lib/chatops/chatops.db")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory")]
    [InlineData("Data Source=file:chatops.db?mode=ro")]
    public void AbsoluteMemoryAndUriSources_AreLeftAlone(string connectionString) =>
        DataFolder.Anchor(connectionString, Work).ShouldBe(connectionString);

    [Fact]
    public void InMemoryAndPostgresStores_HaveNoDataFolder()
    {
        DataFolder.Of(new StoreOptions { ConnectionString = "Data Source=:memory:" }).ShouldBeNull();
        DataFolder.Of(new StoreOptions { Provider = StoreProvider.Postgres, ConnectionString = "Host=db;Database=chatops" }).ShouldBeNull();
    }

    [Fact]
    public void AnUnparsableString_IsLeftForTheStoreToReport() =>
        DataFolder.Anchor("Data Source=x;Nonsense=1", Work).ShouldBe("Data Source=x;Nonsense=1");
}
