using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Streams;

/// <summary>Words for a stream's state, in one place for the badge, cards and screen readers.</summary>
public static class StreamText
{
    public static string Badge(StreamStatus status) => status switch
    {
        StreamStatus.Live => "LiveBadge",
        StreamStatus.Upcoming => "Upcoming",
        StreamStatus.Ended => "Ended",
        _ => status.ToString(),
    };

    public static string CssClass(StreamStatus status) => status switch
    {
        StreamStatus.Live => "badge badge-live",
        StreamStatus.Upcoming => "badge badge-upcoming",
        _ => "badge badge-ended",
    };

    public static string WatchHref(string streamId) => "watch/" + Uri.EscapeDataString(streamId);

    public static string ReplayHref(string streamId) => "replay/" + Uri.EscapeDataString(streamId);
}
