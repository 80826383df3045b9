using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.IntegrationTests.Security;

/// <summary>An ILoggerProvider that keeps every formatted line (with its exception) for assertions.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Text, Exception? Exception)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Structured values too, not only the message: a secret in a property is still a leak.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner.Lines.Enqueue((logLevel, category, $"{formatter(state, exception)} {values} {exception}", exception));
        }
    }
}
