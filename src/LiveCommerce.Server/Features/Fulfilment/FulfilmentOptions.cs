using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Server.Features.Fulfilment;

public sealed class FulfilmentOptions
{
    public const string Section = "Fulfilment";

    /// <summary>Days after delivery a buyer may ask to return an order, for a brand that set none.</summary>
    [Range(1, 365)]
    public int ReturnWindowDays { get; set; } = 14;

    /// <summary>Order-log entries the books projector reads at a time.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long the projector waits when it has read everything.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
