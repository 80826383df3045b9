using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Server.Features.Live;

public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>Events kept per stream for reconnect catch-up (approximate, trimmed by Redis).</summary>
    [Range(10, 1_000_000)]
    public int EventLogLength { get; set; } = 1000;

    /// <summary>A rejoining client missing more than this gets a fresh snapshot instead.</summary>
    [Range(1, 100_000)]
    public int MaxCatchUpEvents { get; set; } = 500;

    /// <summary>How long a watch session counts without a refresh from its node.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ViewerTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Viewer-count pushes per stream happen at most once per interval.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ViewerCountInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often each node tells its viewers a stream's last seq, when it moved (see StreamHeadBeacon).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StreamHeadInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Hub calls one connection may make per second (twice that in a burst).</summary>
    [Range(1, 10_000)]
    public int HubCallsPerSecondPerConnection { get; set; } = 20;

    /// <summary>Hub calls one account may make per second on a node, over all its connections.</summary>
    [Range(1, 100_000)]
    public int HubCallsPerSecondPerAccount { get; set; } = 40;

    /// <summary>Open connections one account may hold on a node (tabs and devices).</summary>
    [Range(1, 10_000)]
    public int MaxConnectionsPerAccount { get; set; } = 10;
}
