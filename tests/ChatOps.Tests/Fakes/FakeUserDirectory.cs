using ChatOps.Bot.Core;

namespace ChatOps.Tests.Fakes;

/// <summary>A chat platform's people for tests: ids added to <see cref="Users"/> exist, everything else does not.</summary>
public sealed class FakeUserDirectory(string platform) : IUserDirectory
{
    private readonly List<string> _lookups = [];

    public string Platform => platform;

    /// <summary>Id → display name.</summary>
    public Dictionary<string, string> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every lookup throws it, as a platform that cannot be reached does.</summary>
    public Exception? Failure { get; set; }

    public IReadOnlyList<string> Lookups
    {
        get
        {
            lock (_lookups)
            {
                return [.. _lookups];
            }
        }
    }

    public Task<DirectoryUser?> FindAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lookups)
        {
            _lookups.Add(id);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        return Task.FromResult(Users.TryGetValue(id, out var name) ? new DirectoryUser(id, name) : null);
    }
}
