namespace LiveCommerce.Server.Demo;

/// <summary>One of the demo's shows: a stream that sells what it talks about.</summary>
internal sealed record DemoShow(string Id, string Host, bool Live, string Title, string Description, string Cover);

internal sealed record DemoVariant(string Size, string? Color, int Stock);

internal sealed record DemoProduct(string Title, string Description, decimal Price, int Stock, string Image, params DemoVariant[] Variants);

/// <summary>
/// The demo's shows and the brands' products, written to belong together: Mia's skincare morning sells
/// Glow Cosmetics skincare, Leo's trail show sells Kite Outdoor's gear. Pictures are drawn by
/// scripts/make-demo-images.sh and served from wwwroot/img/demo.
/// </summary>
public sealed partial class DemoSeeder
{
    public const string TrailStreamId = "demo-trail";

    internal static readonly IReadOnlyList<DemoShow> Shows =
    [
        new(LiveStreamId, "mia", true, "Glow Week: spring skincare live",
            "Mia's morning routine, step by step: a vitamin C serum for dull winter skin, a moisturizer that sits well under sunscreen, "
            + "and a tint for lips and cheeks. Ask about your skin type in the chat; the serum goes on flash sale during the show.",
            "cover-glow-week"),
        new(TrailStreamId, "leo", true, "Trail-ready: Kite Outdoor gear drop",
            "Leo packs for a weekend hike in the Picos de Europa: a 28-litre daypack, a rain shell that really breathes, and the "
            + "layers he never leaves behind. Questions about fit and sizes welcome.",
            "cover-trail"),
        new(UpcomingStreamId, "leo", false, "Camp night: lanterns, layers and a warm fleece",
            "After dark at the campsite: how to light a tent without waking the neighbours and what to wear when the "
            + "temperature drops. Set a reminder and join Leo live.",
            "cover-camp-night"),
    ];

    internal static readonly IReadOnlyList<DemoProduct> GlowProducts =
    [
        new("Vitamin C Glow Serum, 30 ml", "15 % vitamin C with ferulic acid for brighter, more even skin. Fragrance-free; two drops each morning.",
            34.00m, 120, "glow-serum"),
        new("Hydra Cloud Moisturizer", "A light gel-cream with hyaluronic acid and squalane that layers under sunscreen and make-up.",
            28.00m, 0, "glow-moisturizer", new DemoVariant("30 ml", null, 40), new DemoVariant("50 ml", null, 35), new DemoVariant("100 ml", null, 20)),
        new("Rose Lip & Cheek Tint", "A sheer, buildable tint in two shades of rose, for lips and cheeks alike.",
            18.50m, 150, "glow-tint"),
        new("Daily Shield Tinted SPF 50, 40 ml", "Mineral sunscreen with a hint of tint that leaves no white cast. Reef-safe filters.",
            32.00m, 0, "glow-spf", new DemoVariant("40 ml", "Light", 30), new DemoVariant("40 ml", "Medium", 30), new DemoVariant("40 ml", "Deep", 20)),
    ];

    internal static readonly IReadOnlyList<DemoProduct> KiteProducts =
    [
        new("Ridge 28 L Daypack", "A day on the trail in one bag: padded back panel, rain cover in the lid, bottle pockets on both sides.",
            89.00m, 60, "kite-daypack"),
        new("Storm Shell Rain Jacket", "Three-layer waterproof shell with taped seams, pit zips and a helmet-size hood. Packs into its own pocket.",
            129.00m, 0, "kite-jacket", new DemoVariant("S", "Glacier blue", 15), new DemoVariant("M", "Glacier blue", 25), new DemoVariant("L", "Glacier blue", 18)),
        new("Lumen 400 Camping Lantern", "400 lumens of warm light, three modes, USB-C charging and 30 hours on its low setting.",
            34.90m, 90, "kite-lantern"),
        new("Alpine Grid Fleece", "A quarter-zip grid fleece that breathes on the climb and keeps you warm at the summit.",
            69.00m, 0, "kite-fleece", new DemoVariant("S", "Forest green", 12), new DemoVariant("M", "Forest green", 20), new DemoVariant("L", "Forest green", 14)),
    ];
}
