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

    /// <summary>How often each node asks the provider about paying holds nobody settled (PaymentReconciler).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PaymentReconcileInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A hold whose intent was made this long ago and is still not sold is asked about; keep it well under
    /// <see cref="PaymentGrace"/>, so a paid hold is settled before it expires.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan PaymentReconcileAfter { get; set; } = TimeSpan.FromSeconds(20);

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

/// <summary>
/// Which payment provider takes the money, and how. <see cref="Provider"/>: "Simulated" (the default: test
/// cards, no money moves) or "Stripe". The simulated provider refuses to run in Production unless
/// <see cref="AllowSimulatedInProduction"/> says so (docs/OPERATIONS.md).
/// </summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";
    public const string SimulatedProvider = "Simulated";
    public const string StripeProvider = "Stripe";

    public string Provider { get; set; } = SimulatedProvider;

    /// <summary>Lets the simulated provider run in Production (a staging or demo deployment that must not take money).</summary>
    public bool AllowSimulatedInProduction { get; set; }

    /// <summary>The simulated provider's answer time.</summary>
    [Range(0, 30_000)]
    public int LatencyMs { get; set; } = 150;

    /// <summary>How old a webhook's signature may be (Stripe's default: 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    public SimulatedPaymentOptions Simulated { get; set; } = new();

    public StripePaymentOptions Stripe { get; set; } = new();

    public bool UsesStripe => string.Equals(Provider, StripeProvider, StringComparison.OrdinalIgnoreCase);

    public bool UsesSimulated => string.Equals(Provider, SimulatedProvider, StringComparison.OrdinalIgnoreCase);
}

public sealed class SimulatedPaymentOptions
{
    /// <summary>The HMAC key its webhooks are signed with (and checked against). Any value: nothing real is signed.</summary>
    [Required(AllowEmptyStrings = false)]
    public string WebhookSecret { get; set; } = "whsec_simulated_test_mode_only";

    /// <summary>Whether it delivers webhooks at all (the confirmation by the client settles payments either way).</summary>
    public bool DeliverWebhooks { get; set; } = true;

    /// <summary>Each delivery waits up to this long first (late webhooks are the norm).</summary>
    [Range(0, 60_000)]
    public int MaxDelayMs { get; set; } = 1_500;

    /// <summary>Share of events delivered twice (0–1).</summary>
    [Range(0.0, 1.0)]
    public double DuplicateRate { get; set; } = 0.3;

    /// <summary>
    /// Where this node tells the provider to send webhooks (a load balancer's address); empty: its own
    /// <c>/api/payments/webhooks/simulated</c>. The provider sends each event to one registered node that is up.
    /// </summary>
    public string WebhookUrl { get; set; } = "";
}

public sealed class StripePaymentOptions
{
    /// <summary>The secret key (<c>sk_test_…</c> or <c>sk_live_…</c>).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The webhook endpoint's signing secret (<c>whsec_…</c>).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Stripe's API address; tests point it at a loopback server of recorded responses.</summary>
    public string ApiBase { get; set; } = "";

    /// <summary>Where Stripe sends the buyer back after a 3-D Secure redirect.</summary>
    public string ReturnUrl { get; set; } = "";
}
