using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatOps.IntegrationTests.Support;

/// <summary>One log line as the host wrote it.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, Exception? Exception);

/// <summary>
/// Every log line of an in-process host, for tests that assert what an attacker's input may cause to be logged (at
/// most a warning, never a stack trace).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> lines = new();

    public IReadOnlyList<CapturedLog> Lines => [.. lines];

    /// <summary>Errors, and anything carrying an exception (its stack trace ends up in the log).</summary>
    public IReadOnlyList<CapturedLog> ErrorsOrStacks => [.. lines.Where(l => l.Level >= LogLevel.Error || l.Exception is not null)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.lines.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), exception));
    }
}
