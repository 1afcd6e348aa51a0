using System.Data.Common;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>A provider command as a <see cref="IRowStatement"/>: a struct, so binding through it allocates nothing more.</summary>
internal readonly struct CommandStatement(DbCommand command) : IRowStatement
{
    public void Set(string name, string? value) => command.Set(name, value);

    public void Set(string name, long value) => command.Set(name, value);

    public async ValueTask<int> ExecuteAsync(CancellationToken cancellationToken) =>
        await command.ExecuteNonQueryAsync(cancellationToken);

    public async ValueTask<string?> ReadTextAsync(CancellationToken cancellationToken) =>
        await command.ExecuteScalarAsync(cancellationToken) as string;
}
