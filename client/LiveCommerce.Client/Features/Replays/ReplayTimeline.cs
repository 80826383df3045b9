using System.Collections.Immutable;
using System.Text.Json;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Replays;

/// <summary>One pin change at a moment of the recording.</summary>
public sealed record PinChange(TimeSpan At, PinDto? Pinned, string? UnpinnedPinId);

/// <summary>
/// A shoppable replay: the stream and its pin changes by offset into the recording, read from
/// the archive's JSON lines (docs/API.md "Replays"). Pure, so "which pins at 12:34" is testable.
/// </summary>
public sealed record ReplayTimeline(StreamDto? Stream, IReadOnlyList<PinChange> Changes)
{
    public static ReplayTimeline Parse(string ndjson)
    {
        StreamDto? stream = null;
        var changes = new List<PinChange>();
        foreach (var raw in ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ReplayLine? line;
            try
            {
                line = JsonSerializer.Deserialize<ReplayLine>(raw, ApiJson.Options);
            }
            catch (JsonException)
            {
                continue; // a line we cannot read (a newer event shape) does not spoil the replay
            }

            var at = TimeSpan.FromMilliseconds(Math.Max(0, line?.OffsetMs ?? 0));
            switch (line)
            {
                case { Type: "replay", Stream: { } s }:
                    stream = s;
                    break;
                case { Type: nameof(ProductPinned), Event: { } e }:
                    changes.Add(new PinChange(at, e.Deserialize<ProductPinned>(ApiJson.Options)?.Pin, null));
                    break;
                case { Type: nameof(ProductUnpinned), Event: { } e }:
                    changes.Add(new PinChange(at, null, e.Deserialize<ProductUnpinned>(ApiJson.Options)?.PinId));
                    break;
            }
        }

        return new ReplayTimeline(stream, [.. changes.OrderBy(c => c.At)]);
    }

    /// <summary>The pins showing <paramref name="position"/> into the recording, oldest first.</summary>
    public ImmutableList<PinDto> PinsAt(TimeSpan position)
    {
        var pins = ImmutableList<PinDto>.Empty;
        foreach (var change in Changes.TakeWhile(c => c.At <= position))
        {
            pins = change.Pinned is { } pin
                ? pins.RemoveAll(p => p.ProductId == pin.ProductId).Add(pin)
                : pins.RemoveAll(p => p.PinId == change.UnpinnedPinId);
        }

        return pins;
    }
}
