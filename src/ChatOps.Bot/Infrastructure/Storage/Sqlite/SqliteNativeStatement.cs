using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

/// <summary>
/// A statement the writer keeps compiled on its connection and runs through SQLite's own API (SQLitePCL, the library
/// under Microsoft.Data.Sqlite). A prepared <see cref="SqliteCommand"/> still builds, per execution, a data reader, a
/// statement enumerator and a binder object per parameter: about 5 KB of the ~22 KB a command allocated (issue 19).
/// Here a run binds in place, steps and resets. Failures throw the provider's <see cref="SqliteException"/>, so the
/// store classifies them as before. Only ever used by one writer at a time, on the connection it was compiled on.
/// </summary>
internal sealed class SqliteNativeStatement : IRowStatement, IDisposable
{
    private const int StackLimit = 512;

    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly Dictionary<string, int> parameters;

    private SqliteNativeStatement(sqlite3 db, sqlite3_stmt statement, Dictionary<string, int> parameters) =>
        (this.db, this.statement, this.parameters) = (db, statement, parameters);

    /// <summary>Compiles one statement; its parameter names, <c>@</c> included, are read back from SQLite itself.</summary>
    public static SqliteNativeStatement Prepare(SqliteConnection connection, string sql)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement, out var tail), db);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            statement.Dispose();
            throw new ArgumentException($"one statement expected, more follow: '{tail.Trim()}'", nameof(sql));
        }

        var parameters = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 1; index <= raw.sqlite3_bind_parameter_count(statement); index++)
        {
            parameters[raw.sqlite3_bind_parameter_name(statement, index).utf8_to_string()] = index;
        }

        return new SqliteNativeStatement(db, statement, parameters);
    }

    public void Set(string name, string? value)
    {
        var index = Index(name);
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(statement, index));
            return;
        }

        // Encoded here as the provider encodes (.NET's UTF-8), never handed to SQLite as UTF-16: SQLite drops a leading
        // byte order mark from UTF-16 text, and the stored text would no longer be the text the audit hash was computed
        // over (the hostile-input fuzz found it). SQLite copies the bytes (SQLITE_TRANSIENT): the buffer goes back at once.
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> buffer = rented is null ? stackalloc byte[StackLimit] : rented;
            var written = Encoding.UTF8.GetBytes(value, buffer);
            Check(raw.sqlite3_bind_text(statement, index, buffer[..written]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public void Set(string name, long value) => Check(raw.sqlite3_bind_int64(statement, Index(name), value));

    /// <summary>Runs to the end (a row it returns is skipped); the rows the statement itself changed.</summary>
    public int Execute()
    {
        try
        {
            while (Step())
            {
            }

            return raw.sqlite3_changes(db);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>Moves to the next row: false at the end. After the last read, <see cref="Reset"/>.</summary>
    public bool Step()
    {
        var code = raw.sqlite3_step(statement);
        if (code == raw.SQLITE_ROW)
        {
            return true;
        }

        if (code != raw.SQLITE_DONE)
        {
            raw.sqlite3_reset(statement);
            Check(code);
        }

        return false;
    }

    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public string? Text(int column) => IsNull(column) ? null : raw.sqlite3_column_text(statement, column).utf8_to_string();

    /// <summary>Ends a read early or after its last row, so the statement holds no read of the database.</summary>
    public void Reset() => raw.sqlite3_reset(statement);

    public ValueTask<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Execute());
    }

    public ValueTask<string?> ReadTextAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return ValueTask.FromResult(Step() ? Text(0) : null);
        }
        finally
        {
            Reset();
        }
    }

    public void Dispose() => statement.Dispose();

    private int Index(string name) => parameters.TryGetValue(name, out var index)
        ? index
        : throw new ArgumentException($"parameter '{name}' is not in the statement (named as in the SQL, with its '@')", nameof(name));

    private void Check(int code) => Check(code, db);

    private static void Check(int code, sqlite3 db)
    {
        if (code != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(code, db);
        }
    }
}
