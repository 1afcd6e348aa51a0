using ChatOps.Bot.Core;
using ChatOps.Bot.Core.Text;

namespace ChatOps.Tests.Fakes;

/// <summary>
/// Records posts and channel calls; fails the next <see cref="FailNext"/> posts (or <see cref="FailNextCreate"/>
/// channel creations) the way a chat API outage would. Users in <see cref="UnknownUsers"/> cannot be invited.
/// </summary>
public sealed class RecordingChatPlatform(string name, bool canCreateChannels = true) : IChatPlatform
{
    private readonly List<ChatPost> _posts = [];
    private readonly List<string> _calls = [];
    private readonly Dictionary<string, HashSet<string>> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _topics = new(StringComparer.Ordinal);
    private readonly List<(PostedMessage Message, ChatPost Post)> _updates = [];

    public string Name => name;

    public bool CanCreateChannels => canCreateChannels;

    public string? AuditChannel { get; set; }

    public string? AnnouncementsChannel { get; set; }

    public int FailNext { get; set; }

    public int FailNextCreate { get; set; }

    public HashSet<string> UnknownUsers { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs before each post is recorded: a slow chat API, as seen by the clock.</summary>
    public Action? BeforePost { get; set; }

    public IReadOnlyList<ChatPost> Posts
    {
        get
        {
            lock (_posts)
            {
                return [.. _posts];
            }
        }
    }

    /// <summary>Channel calls in order: <c>create name</c>, <c>invite channel user</c>, <c>topic channel text</c>.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_posts)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<(PostedMessage Message, ChatPost Post)> Updates
    {
        get
        {
            lock (_posts)
            {
                return [.. _updates];
            }
        }
    }

    public IReadOnlyCollection<string> Members(string channel)
    {
        lock (_posts)
        {
            return _members.TryGetValue(channel, out var members) ? [.. members] : [];
        }
    }

    public string? Topic(string channel)
    {
        lock (_posts)
        {
            return _topics.GetValueOrDefault(channel);
        }
    }

    public Task UpdateAsync(PostedMessage message, ChatPost post, CancellationToken cancellationToken)
    {
        lock (_posts)
        {
            if (FailNext > 0)
            {
                FailNext--;
                throw new HttpRequestException("chat API answered 500 (test)");
            }

            _updates.Add((message, post));
            return Task.CompletedTask;
        }
    }

    public Task<PostedMessage> PostAsync(ChatPost post, CancellationToken cancellationToken)
    {
        BeforePost?.Invoke();
        lock (_posts)
        {
            if (FailNext > 0)
            {
                FailNext--;
                throw new HttpRequestException("chat API answered 500 (test)");
            }

            _posts.Add(post);
            return Task.FromResult(new PostedMessage(post.Channel, _posts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    public Task<CreatedChannel> CreateChannelAsync(string channelName, CancellationToken cancellationToken)
    {
        Supported();
        lock (_posts)
        {
            _calls.Add($"create {channelName}");
            if (FailNextCreate > 0)
            {
                FailNextCreate--;
                throw new HttpRequestException("chat API answered 500 (test)");
            }

            var id = "C-" + channelName;
            _members[id] = new(StringComparer.Ordinal);
            return Task.FromResult(new CreatedChannel(id, channelName));
        }
    }

    public Task<InviteResult> InviteAsync(string channel, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        Supported();
        lock (_posts)
        {
            var invited = new List<string>();
            var failed = new List<(string, string)>();
            foreach (var user in users.Distinct(StringComparer.Ordinal))
            {
                _calls.Add($"invite {channel} {user}");
                if (UnknownUsers.Contains(user))
                {
                    failed.Add((user, "user_not_found"));
                }
                else
                {
                    _members[channel].Add(user);
                    invited.Add(user);
                }
            }

            return Task.FromResult(new InviteResult(invited, failed));
        }
    }

    public Task SetTopicAsync(string channel, ChatText topic, CancellationToken cancellationToken)
    {
        Supported();
        lock (_posts)
        {
            _calls.Add($"topic {channel} {topic}");
            _topics[channel] = topic.ToString();
            return Task.CompletedTask;
        }
    }

    private void Supported()
    {
        if (!canCreateChannels)
        {
            throw new NotSupportedException($"{name} cannot create channels (test)");
        }
    }
}
