using ChatOps.Bot.Chat.Console;
using ChatOps.Bot.Core;
using ChatOps.Bot.Core.Text;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Chat.Console;

/// <summary>Issue 21.5: the <c>log</c> destination labels what it writes, so an alert card is not read as an audit line.</summary>
public sealed class LogChatPlatformTests
{
    [Fact]
    public async Task AnAlertCard_IsLoggedAsAnAlertCard_AndAnAuditLineAsAnAuditLine()
    {
        var logs = new Lines();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var log = new LogChatPlatform(factory);
        var card = OperationResult.Success("FIRING HighLatency on checkout") with { Title = "Alert" };

        await log.PostAsync(new ChatPost(string.Empty, ChatText.Of($"FIRING HighLatency on checkout"), card), CancellationToken.None);
        await log.PostAsync(new ChatPost(string.Empty, ChatText.Of($"alice ran scale web 2"), card, ThreadId: "m-1"), CancellationToken.None);
        await log.PostAsync(new ChatPost(string.Empty, ChatText.Of($"alice ran scale web 2")), CancellationToken.None);

        logs.Written.ShouldBe(
        [
            "alert card: FIRING HighLatency on checkout",
            "alert card update: alice ran scale web 2",
            "audit: alice ran scale web 2",
        ]);
    }

    private sealed class Lines : ILoggerProvider, ILogger
    {
        public List<string> Written { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Written.Add(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
