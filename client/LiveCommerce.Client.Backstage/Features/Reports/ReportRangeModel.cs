namespace LiveCommerce.Client.Features.Reports;

/// <summary>A report's period (UTC days, inclusive) and currency.</summary>
public sealed class ReportRangeModel
{
    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public string Currency { get; set; } = "USD";

    public static ReportRangeModel LastDays(int days, DateTimeOffset? now = null)
    {
        var today = DateOnly.FromDateTime((now ?? DateTimeOffset.UtcNow).UtcDateTime);
        return new ReportRangeModel { From = today.AddDays(1 - days), To = today };
    }
}
