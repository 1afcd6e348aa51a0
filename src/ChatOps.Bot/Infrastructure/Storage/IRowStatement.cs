namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// One SQL statement whose named parameters a row is bound to: a provider command (<see cref="CommandStatement"/>,
/// both stores) or a statement the SQLite writer keeps compiled natively (<see cref="Sqlite.SqliteNativeStatement"/>).
/// The rows' bindings (<see cref="AuditRows.BindInsert{T}"/>, <see cref="OutboxRows.BindLine{T}"/>, the claim) are
/// written once against it, so the column lists cannot drift between the two.
/// </summary>
internal interface IRowStatement
{
    /// <summary>Sets the parameter named as in the SQL, with its <c>@</c>; null binds SQL NULL.</summary>
    void Set(string name, string? value);

    /// <inheritdoc cref="Set(string, string?)"/>
    void Set(string name, long value);

    /// <summary>Runs the statement to its end; the rows it changed.</summary>
    ValueTask<int> ExecuteAsync(CancellationToken cancellationToken);

    /// <summary>The first column of the first row as text, or null when there is no row (or the value is NULL).</summary>
    ValueTask<string?> ReadTextAsync(CancellationToken cancellationToken);
}
