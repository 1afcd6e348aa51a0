using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Fakes;

/// <summary>Every log line the bot writes, formatted, to check none quotes a secret.</summary>
public sealed class RecordingLogs : ILoggerProvider, ILogger
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add(formatter(state, exception) + exception);
        }
    }

    public void Dispose()
    {
    }
}
