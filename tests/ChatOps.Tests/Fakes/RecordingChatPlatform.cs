using ChatOps.Bot.Operations;

namespace ChatOps.Tests.Fakes;

/// <summary>Records posts; fails the next <see cref="FailNext"/> posts the way a chat API outage would.</summary>
public sealed class RecordingChatPlatform(string name) : IChatPlatform
{
    private readonly List<ChatPost> _posts = [];
    private readonly List<(PostedMessage Message, ChatPost Post)> _updates = [];

    public string Name => name;

    public int FailNext { get; set; }

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
}
