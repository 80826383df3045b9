using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Server.Features.Pins;

public sealed class PinOptions
{
    public const string Section = "Pins";

    /// <summary>Products pinned at once; the first is featured.</summary>
    [Range(1, 10)]
    public int MaxPins { get; set; } = 3;

    [Range(1, 200)]
    public int MaxShowcase { get; set; } = 50;

    /// <summary>Longest timed pin.</summary>
    [Range(1, 86_400)]
    public int MaxDurationSeconds { get; set; } = 3600;

    /// <summary>How often each node looks for expired pins (the countdown's worst-case lag).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
