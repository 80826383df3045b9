using System.Collections.Immutable;
using System.Text.Json;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Replays;

/// <summary>One pin change at a moment of the recording.</summary>
public sealed record PinChange(TimeSpan At, PinDto? Pinned, string? UnpinnedPinId);

/// <summary>
/// A shoppable replay: the stream, its recorded video, and its pin changes by position in the
/// recording, read from the archive's JSON lines (docs/API.md "Replays"). Pure, so "which pins at
/// 12:34" is testable.
/// </summary>
/// <remarks>
/// An event's offset is its time since the stream started; the recording has no pictures for the
/// time the encoder was away (the engine appends the next session right after the last frame), so
/// each reconnect gap (<see cref="StreamReconnecting"/> to <see cref="StreamResumed"/>) is taken
/// out of the positions of what came after it.
/// </remarks>
public sealed record ReplayTimeline(StreamDto? Stream, IReadOnlyList<PinChange> Changes)
{
    /// <summary>The recording as MP4 (site-relative), null until it is stored.</summary>
    public string? VideoUrl { get; init; }

    public ReplayVideoStatus Video { get; init; } = ReplayVideoStatus.None;

    public static ReplayTimeline Parse(string ndjson)
    {
        StreamDto? stream = null;
        string? videoUrl = null;
        var video = ReplayVideoStatus.None;
        var changes = new List<(long OffsetMs, PinDto? Pinned, string? UnpinnedPinId)>();
        var gaps = new List<(long From, long To)>();
        long? away = null;
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

            var offset = Math.Max(0, line?.OffsetMs ?? 0);
            switch (line)
            {
                case { Type: "replay", Stream: { } s }:
                    (stream, videoUrl, video) = (s, line.VideoUrl, line.Video ?? ReplayVideoStatus.None);
                    break;
                case { Type: nameof(ProductPinned), Event: { } e }:
                    changes.Add((offset, e.Deserialize<ProductPinned>(ApiJson.Options)?.Pin, null));
                    break;
                case { Type: nameof(ProductUnpinned), Event: { } e }:
                    changes.Add((offset, null, e.Deserialize<ProductUnpinned>(ApiJson.Options)?.PinId));
                    break;
                case { Type: nameof(StreamReconnecting) }:
                    away ??= offset;
                    break;
                case { Type: nameof(StreamResumed) } when away is { } from:
                    gaps.Add((from, Math.Max(from, offset)));
                    away = null;
                    break;
            }
        }

        if (away is { } unresumed)
        {
            gaps.Add((unresumed, long.MaxValue)); // ended while away: what came after shows at the recording's end
        }

        return new ReplayTimeline(stream, [.. changes
            .Select(c => new PinChange(TimeSpan.FromMilliseconds(InRecording(c.OffsetMs, gaps)), c.Pinned, c.UnpinnedPinId))
            .OrderBy(c => c.At)])
        {
            VideoUrl = videoUrl,
            Video = video,
        };
    }

    /// <summary>
    /// Where an event <paramref name="offsetMs"/> after the start falls in the recording: earlier by
    /// every reconnect gap before it; an event inside a gap falls where the recording resumes.
    /// </summary>
    public static long InRecording(long offsetMs, IReadOnlyList<(long From, long To)> gaps) =>
        offsetMs - gaps.Where(g => g.From < offsetMs).Sum(g => Math.Min(g.To, offsetMs) - g.From);

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
