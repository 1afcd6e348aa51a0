using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// Where the embedded store keeps its files: the folder of the SQLite file. A relative <c>Data Source</c> is anchored
/// once, at start, to the working directory the bot was started in, so the path printed, the audit chain key beside
/// it and the sandbox record all name one absolute folder, and two terminals started in one folder share one file.
/// </summary>
public static class DataFolder
{
    /// <summary>The connection string with a relative file made absolute against <paramref name="workingDirectory"/>.</summary>
    public static string Anchor(string connectionString, string workingDirectory)
    {
        if (FileOf(connectionString) is not { } file || Path.IsPathRooted(file))
        {
            return connectionString;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString) { DataSource = Path.GetFullPath(file, workingDirectory) };
        return builder.ConnectionString;
    }

    /// <summary>The SQLite file's folder, or null when the store is PostgreSQL or in memory.</summary>
    public static string? Of(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider == StoreProvider.Sqlite && FileOf(options.ConnectionString) is { } file
            ? Path.GetDirectoryName(Path.GetFullPath(file))
            : null;
    }

    /// <summary>The file a SQLite connection string names; null for memory, URI forms or a string that does not parse.</summary>
    public static string? FileOf(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Not ours to report here: opening the store names the bad key with its own message.
            return null;
        }

        var file = builder.DataSource;
        return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(file) || file == ":memory:" ||
               file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : file;
    }
}
