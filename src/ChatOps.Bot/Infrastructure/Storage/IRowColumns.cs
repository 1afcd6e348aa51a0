using System.Data.Common;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// The current row's columns, whichever way it was read: through the provider's data reader, or straight from a
/// statement the SQLite store keeps compiled (<see cref="Sqlite.SqliteNativeColumns"/>). One mapping of a row to a
/// record serves both, so the two cannot drift. Implemented by structs, used as a generic argument: no boxing.
/// </summary>
internal interface IRowColumns
{
    /// <summary>A column that is never NULL; a NULL there fails the read.</summary>
    string Text(int column);

    string? NullableText(int column);

    long Int64(int column);

    long? NullableInt64(int column);
}

/// <summary>The columns of a <see cref="DbDataReader"/>'s current row.</summary>
internal readonly struct DbRowColumns(DbDataReader reader) : IRowColumns
{
    public string Text(int column) => reader.GetString(column);

    public string? NullableText(int column) => reader.GetNullableString(column);

    public long Int64(int column) => reader.GetInt64(column);

    public long? NullableInt64(int column) => reader.GetNullableInt64(column);
}
