using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Tests;

/// <summary>Wire objects for tests.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 18, 0, 0, TimeSpan.Zero);

    public static StreamDto Stream(string id = "s1", StreamStatus status = StreamStatus.Live) =>
        new(id, "u-host-mia", "Mia", "Title " + id, "", status, T0, T0, null, null, null, 0);

    public static StreamSnapshot Snapshot(long seq, string id = "s1", bool caughtUp = false, IReadOnlyList<PinDto>? pins = null, IReadOnlyList<CommentDto>? comments = null) => new()
    {
        Stream = Stream(id),
        Seq = seq,
        Viewers = 3,
        CaughtUp = caughtUp,
        ServerTime = T0,
        Pins = pins ?? [],
        Comments = comments ?? [],
    };

    public static PinDto Pin(string productId, DateTimeOffset? expires = null, decimal price = 24.99m, string currency = "USD") =>
        new("pin-" + productId, productId, "u-brand-glow", "Glow", "Product " + productId, null, new Money(price, currency), T0, expires);

    public static CommentDto Comment(string id, string text = "hi", CommentKind kind = CommentKind.Text, string user = "u-viewer-sam") =>
        new(id, user, "Sam", text, kind, T0);

    public static ProductPinned Pinned(long seq, string productId, string streamId = "s1") => new() { StreamId = streamId, Seq = seq, Pin = Pin(productId) };

    /// <summary>A signed-in session as the server answers it (login, refresh, confirm-email).</summary>
    public static TokenResponse Token(string token = "tok-1", string userId = "u-viewer-sam", string name = "Sam", string role = Roles.Viewer, DateTimeOffset? expiresAt = null, string? brandId = null) =>
        new(token, userId, name, role) { ExpiresAt = expiresAt ?? T0.AddMinutes(15), RefreshToken = "rt-" + token, BrandId = brandId };

    public static MeDto Me(string purchaseName = PurchaseNames.FirstNameAndCountry, bool twoFactor = false, IReadOnlyList<BrandMembershipDto>? brands = null) =>
        new("u-viewer-sam", "sam@example.com", "Sam", "SG", Roles.Viewer, true, twoFactor, purchaseName, null, brands ?? []);

    public static AddressDto Address(string id = "a1", string country = "DE", bool isDefault = true) =>
        new(id, "Lena Schmidt", "Torstraße 1", null, "Berlin", null, "10115", country, null, isDefault);

    /// <summary>A US brand's USD 40 item with USD 12 shipping to Germany, shown in euros; duties due on delivery.</summary>
    public static LandedCostDto Quote() => new(
        "DE",
        new LandedAmounts("USD", 40m, 12m, 3.26m, 10.50m, 65.76m, 52m, 13.76m),
        new LandedAmounts("EUR", 36.80m, 11.04m, 3.00m, 9.66m, 60.50m, 47.84m, 12.66m),
        0.92m, false, false, "VAT", 0.19m, "European Commission", "2026-07-01");

    public static CommentsAdded Comments(long seq, params CommentDto[] comments) => new() { StreamId = "s1", Seq = seq, Comments = comments };
}

/// <summary>A clock that moves only when told.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
