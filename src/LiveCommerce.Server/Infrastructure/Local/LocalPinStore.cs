using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Pins;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>In-process showcase and pins; one lock per stream gives the same atomicity as the Lua scripts.</summary>
public sealed class LocalPinStore : IPinStore
{
    private readonly ConcurrentDictionary<string, StreamPins> _streams = new();

    public Task SetShowcaseAsync(string streamId, IReadOnlyList<string> productIds, CancellationToken ct = default)
    {
        var s = _streams.GetOrAdd(streamId, _ => new());
        lock (s)
        {
            s.Showcase = [.. productIds];
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetShowcaseAsync(string streamId, CancellationToken ct = default)
    {
        if (!_streams.TryGetValue(streamId, out var s))
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        lock (s)
        {
            return Task.FromResult<IReadOnlyList<string>>(s.Showcase);
        }
    }

    public Task<PinOutcome> TryPinAsync(string streamId, PinDto pin, int maxPins, CancellationToken ct = default)
    {
        var s = _streams.GetOrAdd(streamId, _ => new());
        lock (s)
        {
            if (s.Pins.ContainsKey(pin.ProductId))
            {
                return Task.FromResult(PinOutcome.AlreadyPinned);
            }

            if (s.Pins.Count >= maxPins)
            {
                return Task.FromResult(PinOutcome.Full);
            }

            s.Pins[pin.ProductId] = pin;
            return Task.FromResult(PinOutcome.Pinned);
        }
    }

    public Task<PinDto?> TryUnpinAsync(string streamId, string productId, CancellationToken ct = default) =>
        Task.FromResult(Remove(streamId, productId, pinId: null));

    public Task<IReadOnlyList<PinDto>> ListAsync(string streamId, CancellationToken ct = default)
    {
        if (!_streams.TryGetValue(streamId, out var s))
        {
            return Task.FromResult<IReadOnlyList<PinDto>>([]);
        }

        lock (s)
        {
            return Task.FromResult<IReadOnlyList<PinDto>>(PinOrder.Sort(s.Pins.Values));
        }
    }

    public Task<IReadOnlyList<(string StreamId, PinDto Pin)>> ClaimExpiredAsync(DateTimeOffset now, int max, CancellationToken ct = default)
    {
        var claimed = new List<(string, PinDto)>();
        foreach (var (streamId, s) in _streams)
        {
            List<PinDto> due;
            lock (s)
            {
                due = s.Pins.Values.Where(p => p.ExpiresAt <= now).ToList();
            }

            foreach (var pin in due)
            {
                if (claimed.Count < max && Remove(streamId, pin.ProductId, pin.PinId) is { } removed)
                {
                    claimed.Add((streamId, removed));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<(string StreamId, PinDto Pin)>>(claimed);
    }

    public Task ClearPinsAsync(string streamId, CancellationToken ct = default)
    {
        if (_streams.TryGetValue(streamId, out var s))
        {
            lock (s)
            {
                s.Pins.Clear();
            }
        }

        return Task.CompletedTask;
    }

    private PinDto? Remove(string streamId, string productId, string? pinId)
    {
        if (!_streams.TryGetValue(streamId, out var s))
        {
            return null;
        }

        lock (s)
        {
            if (!s.Pins.TryGetValue(productId, out var pin) || (pinId is not null && pin.PinId != pinId))
            {
                return null;
            }

            s.Pins.Remove(productId);
            return pin;
        }
    }

    private sealed class StreamPins
    {
        public IReadOnlyList<string> Showcase { get; set; } = [];

        public Dictionary<string, PinDto> Pins { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>Pins are listed oldest first, so the first is the featured one.</summary>
public static class PinOrder
{
    public static List<PinDto> Sort(IEnumerable<PinDto> pins) =>
        pins.OrderBy(p => p.PinnedAt).ThenBy(p => p.PinId, StringComparer.Ordinal).ToList();
}
