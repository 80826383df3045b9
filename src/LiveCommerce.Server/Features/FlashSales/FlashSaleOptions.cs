using System.ComponentModel.DataAnnotations;

namespace LiveCommerce.Server.Features.FlashSales;

public sealed class FlashSaleOptions
{
    public const string Section = "FlashSales";

    /// <summary>Shortest and longest flash sale (TikTok's run 1–20 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MinDuration { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How often each node claims due starts/ends.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often each node sweeps expired holds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Stock pushes per sale happen at most once per interval cluster-wide (250 ms = 4/s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan StockPushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A paying hold keeps its units this long; past it, the payment is presumed lost and the units return.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PaymentGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often each node looks for committed orders that their checkout did not log.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An order committed this long ago and still not logged was left behind by its checkout.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node sends its coalesced "just bought" moments.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan PurchaseMomentWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Moments per stream and sale a node sends each window (the page shows the latest three).</summary>
    [Range(1, 100)]
    public int PurchaseMomentsPerWindow { get; set; } = 3;

    /// <summary>Scheduled or live sales one brand may have on one stream at once (every viewer's join reads them).</summary>
    /// <summary>How many units of one variant a buyer may hold or buy at list price (regular buy-now items).</summary>
    [Range(1, 100)]
    public int RegularPerBuyerLimit { get; set; } = 10;

    [Range(1, 1_000)]
    public int MaxSalesPerStream { get; set; } = 50;

    /// <summary>How long a node answers SoldOut from memory before asking Redis again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan SoldOutCacheTtl { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>The simulated payment provider's behaviour.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    [Range(0, 30_000)]
    public int LatencyMs { get; set; } = 150;

    /// <summary>Share of charges that fail (0–1).</summary>
    [Range(0.0, 1.0)]
    public double FailureRate { get; set; }
}
