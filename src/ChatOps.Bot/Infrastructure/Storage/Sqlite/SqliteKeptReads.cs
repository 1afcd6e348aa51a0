using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

/// <summary>
/// Reads that every command makes, on connections kept open with their statements compiled once. On a connection from
/// the pool a statement is compiled again on each use: the open-incident lookup every audited command makes cost
/// 34–44 µs of CPU and 2.2 KB that way, 18–20 µs and 1.1 KB kept (issue 19, <c>storeprobe</c>). A kept reader serves
/// one caller at a time; at most <see cref="MaxIdle"/> wait between uses, and any more are closed after theirs. The
/// caller's read disposes its data reader before the connection is handed back, so no read transaction (no old
/// snapshot) outlives the read.
/// </summary>
internal sealed class SqliteKeptReads(Func<CancellationToken, Task<SqliteConnection>> open) : IDisposable
{
    public static readonly int MaxIdle = Math.Max(2, Environment.ProcessorCount);

    private readonly ConcurrentBag<KeptReader> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    /// <summary>Runs <paramref name="read"/> on the kept statement of <paramref name="sql"/>, bound by <paramref name="bind"/>.</summary>
    /// <param name="bind">
    /// Sets every parameter of the statement with <see cref="DbValues.Set(DbCommand, string, string)"/>, as the kept
    /// writer statements are bound: the parameters stay on the statement between uses and only their values change.
    /// </param>
    public async Task<T> ReadAsync<T>(string sql, Action<DbCommand> bind, Func<DbCommand, Task<T>> read, CancellationToken cancellationToken)
    {
        var reader = TryTake() ?? new KeptReader(await open(cancellationToken));
        T result;
        try
        {
            var command = reader.Statement(sql);
            bind(command);
            result = await read(command);
        }
        catch
        {
            // A failed read may have left the connection or the statement broken: the next read opens afresh.
            reader.Dispose();
            throw;
        }

        GiveBack(reader);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the kept native statement of <paramref name="sql"/> (<see cref="SqliteNativeStatement"/>):
    /// no data reader, no parameter objects, no task when the reader is at hand. The statement is reset after the read
    /// whatever it did, so that it holds no read of the database (no old snapshot) while it waits.
    /// </summary>
    /// <param name="state">What <paramref name="read"/> binds: passed, not captured, so a static lambda allocates nothing.</param>
    public async ValueTask<T> ReadNativeAsync<TState, T>(
        string sql, TState state, Func<SqliteNativeStatement, TState, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reader = TryTake() ?? new KeptReader(await open(cancellationToken));
        T result;
        try
        {
            var statement = reader.Native(sql);
            try
            {
                result = read(statement, state);
            }
            finally
            {
                statement.Reset();
            }
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        GiveBack(reader);
        return result;
    }

    /// <summary>How many kept readers wait between uses, for tests.</summary>
    internal int Idle => Volatile.Read(ref _idleCount);

    public void Dispose()
    {
        _disposed = true;
        while (TryTake() is { } reader)
        {
            reader.Dispose();
        }
    }

    private KeptReader? TryTake()
    {
        if (!_idle.TryTake(out var reader))
        {
            return null;
        }

        Interlocked.Decrement(ref _idleCount);
        return reader;
    }

    private void GiveBack(KeptReader reader)
    {
        if (_disposed)
        {
            reader.Dispose();
            return;
        }

        if (Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
            return;
        }

        _idle.Add(reader);

        // Disposed while this one was being given back: it must not wait in the bag for ever.
        if (_disposed)
        {
            Dispose();
        }
    }

    private sealed class KeptReader(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SqliteNativeStatement> _native = new(StringComparer.Ordinal);

        public SqliteNativeStatement Native(string sql)
        {
            if (!_native.TryGetValue(sql, out var statement))
            {
                statement = SqliteNativeStatement.Prepare(connection, sql);
                _native.Add(sql, statement);
            }

            return statement;
        }

        public SqliteCommand Statement(string sql)
        {
            if (!_statements.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                command.Prepare();
                _statements.Add(sql, command);
            }

            return command;
        }

        public void Dispose()
        {
            foreach (var command in _statements.Values)
            {
                command.Dispose();
            }

            foreach (var statement in _native.Values)
            {
                statement.Dispose();
            }

            connection.Dispose();
        }
    }
}
