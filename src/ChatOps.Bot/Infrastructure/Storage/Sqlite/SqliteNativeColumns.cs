namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

/// <summary>The columns of the row a kept native statement stands on (<see cref="SqliteNativeStatement.Step"/>).</summary>
internal readonly struct SqliteNativeColumns(SqliteNativeStatement statement) : IRowColumns
{
    public string Text(int column) =>
        statement.Text(column) ?? throw new InvalidCastException($"column {column} is NULL where a value is required");

    public string? NullableText(int column) => statement.Text(column);

    public long Int64(int column) => statement.Int64(column);

    public long? NullableInt64(int column) => statement.IsNull(column) ? null : statement.Int64(column);
}
