using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Fakes;

/// <summary>An options monitor that always hands out one value and never changes.</summary>
public static class FixedOptions
{
    public static IOptionsMonitor<T> Of<T>(T value) => new Monitor<T>(value);

    private sealed class Monitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
