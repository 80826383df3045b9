using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Server.Features.Attribution;

public sealed class AttributionOptions
{
    public const string Section = "Attribution";

    /// <summary>How long a share-link touch can win an order (TikTok Shop uses 14 days).</summary>
    [Range(1, 90)]
    public int WindowDays { get; set; } = 14;

    /// <summary>Per-brand windows in days, overriding <see cref="WindowDays"/>.</summary>
    public Dictionary<string, int> BrandWindowDays { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a CSV export's download link works.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ExportLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Signs export links; empty: derived from Auth:SigningKey.</summary>
    public string ExportSigningKey { get; set; } = "";

    public TimeSpan WindowFor(string brandId) =>
        TimeSpan.FromDays(BrandWindowDays.TryGetValue(brandId, out var days) && days is >= 1 and <= 90 ? days : WindowDays);
}
