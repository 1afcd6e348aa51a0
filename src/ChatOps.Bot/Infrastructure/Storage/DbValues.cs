using System.Data;
using System.Data.Common;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>Provider-neutral parameter binding and nullable reads, so both stores bind rows the same way.</summary>
internal static class DbValues
{
    /// <summary>Typed even when null, so PostgreSQL never has to guess a parameter's type from its context.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// An INSERT of one row whose parameters are named as its columns, so a table's column list is written once and
    /// the statement cannot drift from it.
    /// </summary>
    public static string InsertSql(string table, string columns) =>
        $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", columns.Split(',').Select(c => "@" + c.Trim()))})";

    public static void Add(this DbCommand command, string name, string? value) =>
        command.Add(name, DbType.String, value);

    public static void Add(this DbCommand command, string name, long value) => command.Add(name, DbType.Int64, value);

    public static void Add(this DbCommand command, string name, int value) => command.Add(name, DbType.Int32, value);

    public static void AddNullable(this DbCommand command, string name, long? value) => command.Add(name, DbType.Int64, value);

    /// <summary>Sets the value of a parameter the command has (a prepared command that is reused), else adds it.</summary>
    public static void Set(this DbCommand command, string name, string? value) => command.Set(name, DbType.String, value);

    /// <inheritdoc cref="Set(DbCommand, string, string?)"/>
    public static void Set(this DbCommand command, string name, long value) => command.Set(name, DbType.Int64, value);

    private static void Set(this DbCommand command, string name, DbType type, object? value)
    {
        var index = command.Parameters.IndexOf(name);
        if (index < 0)
        {
            command.Add(name, type, value);
            return;
        }

        command.Parameters[index].Value = value ?? DBNull.Value;
    }

    /// <remarks>
    /// Names carry the <c>@</c> of the SQL: Microsoft.Data.Sqlite looks a bare name up again with each prefix on every
    /// execution (two strings and two UTF-8 copies per parameter, each time a prepared command runs); Npgsql takes
    /// either form.
    /// </remarks>
    private static void Add(this DbCommand command, string name, DbType type, object? value)
    {
        if (!name.StartsWith('@'))
        {
            throw new ArgumentException($"parameter '{name}' must be named as in the SQL, with its '@'", nameof(name));
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
