using ChatOps.Bot.Operations;

namespace ChatOps.Tests.Fakes;

/// <summary>Records posts; fails the next <see cref="FailNext"/> posts the way a chat API outage would.</summary>
public sealed class RecordingChatPlatform(string name) : IChatPlatform
{
    private readonly List<ChatPost> _posts = [];

    public string Name => name;

    public int FailNext { get; set; }

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
}
