using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Features.Catalog;

namespace LiveCommerce.UnitTests.Attribution;

/// <summary>The attribution rules as a table (docs/decisions/0002-attribution.md).</summary>
public sealed class AttributionRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(14);

    private static OrderDto Order(string buyer, string? streamHost, decimal price = 10m, int qty = 1, string currency = "USD", string product = "p-1") =>
        new("fs-1.o1", buyer, "fs-1", "u-brand", [new OrderItemDto(product, null, "Gloss", qty, price)], price * qty, currency, currency,
            streamHost is null ? null : "s-1", streamHost is null ? null : new AttributionRef("s-1", streamHost), "pay", T0);

    public static TheoryData<string, OrderDto, Touch[], string?> Cases() => new()
    {
        { "stream purchase → the stream's host", Order("u-buyer", "u-host"), [], "u-host" },
        { "stream purchase beats a newer link touch", Order("u-buyer", "u-host"), [new("C1", "u-other", T0.AddMinutes(-1))], "u-host" },
        { "link within the window", Order("u-buyer", null), [new("C1", "u-inf", T0.AddDays(-13))], "u-inf" },
        { "link exactly at the window's edge", Order("u-buyer", null), [new("C1", "u-inf", T0 - Window)], "u-inf" },
        { "link expired", Order("u-buyer", null), [new("C1", "u-inf", T0.AddDays(-14).AddSeconds(-1))], null },
        { "two links: the last touch wins", Order("u-buyer", null), [new("C1", "u-a", T0.AddDays(-3)), new("C2", "u-b", T0.AddDays(-1))], "u-b" },
        { "two links: order of the list does not matter", Order("u-buyer", null), [new("C2", "u-b", T0.AddDays(-1)), new("C1", "u-a", T0.AddDays(-3))], "u-b" },
        { "a touch after the order does not count", Order("u-buyer", null), [new("C1", "u-a", T0.AddDays(-3)), new("C2", "u-b", T0.AddSeconds(1))], "u-a" },
        { "no touch, no stream → unattributed", Order("u-buyer", null), [], null },
        { "self-purchase through own link earns nothing", Order("u-inf", null), [new("C1", "u-inf", T0.AddHours(-1))], null },
        { "self-purchase in own stream earns nothing", Order("u-host", "u-host"), [], null },
        { "self last touch hides an older other touch", Order("u-inf", null), [new("C0", "u-other", T0.AddDays(-2)), new("C1", "u-inf", T0.AddHours(-1))], null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Orders_are_attributed_by_the_rules(string rule, OrderDto order, Touch[] touches, string? influencer)
    {
        Assert.True(rule.Length > 0);
        Assert.Equal(influencer, AttributionRules.Attribute(order, touches, Window)?.InfluencerId);
    }

    private static Partnership Terms(decimal rate, IReadOnlyList<string>? products = null, Dictionary<string, decimal>? overrides = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new("u-brand", "u-host", rate, products ?? [], overrides ?? [], from ?? T0.AddDays(-30), to);

    [Theory]
    [InlineData(10.00, 1, "USD", 15, 1.50)]
    [InlineData(9.99, 3, "USD", 12.5, 3.75)]    // 3.74625 rounds half away from zero to 2 decimals
    [InlineData(1999, 1, "JPY", 7.5, 150)]      // 149.925 → no minor units
    [InlineData(1.005, 1, "BHD", 10, 0.101)]    // 0.1005 → 3 decimals
    public void Commission_is_rounded_to_the_brand_currency(decimal price, int qty, string currency, decimal rate, decimal expected) =>
        Assert.Equal(expected, AttributionRules.Commission(Order("u-buyer", "u-host", price, qty, currency), Terms(rate)));

    [Fact]
    public void Commission_uses_the_product_override_the_product_list_and_the_validity_dates()
    {
        var order = Order("u-buyer", "u-host", 100m);
        Assert.Equal(30m, AttributionRules.Commission(order, Terms(10m, overrides: new() { ["p-1"] = 30m })));
        Assert.Equal(0m, AttributionRules.Commission(order, Terms(10m, products: ["p-2"])));
        Assert.Equal(10m, AttributionRules.Commission(order, Terms(10m, products: ["p-1"])));
        Assert.Equal(0m, AttributionRules.Commission(order, Terms(10m, from: T0.AddSeconds(1))));
        Assert.Equal(0m, AttributionRules.Commission(order, Terms(10m, to: T0)));
        Assert.Equal(0m, AttributionRules.Commission(order, null));
    }

    [Fact]
    public void A_refund_reverses_exactly_what_the_order_added()
    {
        var order = Order("u-buyer", "u-host", 12.34m, 2);
        var added = AttributionRules.Deltas(order, AttributionRules.Attribute(order, [], Window), Terms(10m));
        var totals = new Dictionary<(string, string), long>();
        foreach (var d in added)
        {
            totals[(d.Bucket, d.Field)] = totals.GetValueOrDefault((d.Bucket, d.Field)) + d.Amount;
        }

        Assert.Equal(2468, totals[("inf:u-host:20260310", "all|gmv:USD")]);
        Assert.Equal(247, totals[("inf:u-host:20260310", "all|comm:USD")]); // 2.468 → 2.47
        Assert.Equal(2, totals[("brand:u-brand:20260310", "product:p-1|units")]);
        foreach (var d in added)
        {
            totals[(d.Bucket, d.Field)] -= d.Amount; // what the reversal script subtracts
        }

        Assert.All(totals.Values, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Unattributed_orders_count_for_the_brand_only_and_earn_no_commission()
    {
        var order = Order("u-buyer", null);
        var deltas = AttributionRules.Deltas(order, null, Terms(10m));
        Assert.DoesNotContain(deltas, d => d.Bucket.StartsWith("inf:", StringComparison.Ordinal));
        Assert.All(deltas.Where(d => d.Field.Contains("comm:", StringComparison.Ordinal)), d => Assert.Equal(0, d.Amount));
        Assert.Contains(deltas, d => d.Field == "all|gmv:USD" && d.Amount == 1000);
    }

    [Theory]
    [InlineData(12.34, "USD", 1234)]
    [InlineData(1999, "JPY", 1999)]
    [InlineData(1.234, "KWD", 1234)]
    public void Money_is_stored_as_integer_minor_units(decimal amount, string currency, long minor)
    {
        Assert.Equal(minor, AttributionRules.ToMinor(amount, currency));
        Assert.Equal(amount, AttributionRules.FromMinor(minor, currency));
    }

    [Fact]
    public void The_window_is_configurable_per_brand()
    {
        var options = new AttributionOptions { WindowDays = 14, BrandWindowDays = new() { ["u-brand"] = 7 } };
        Assert.Equal(TimeSpan.FromDays(7), options.WindowFor("u-brand"));
        Assert.Equal(TimeSpan.FromDays(14), options.WindowFor("u-other"));
        var order = Order("u-buyer", null);
        Assert.Null(AttributionRules.Attribute(order, [new("C1", "u-inf", T0.AddDays(-8))], options.WindowFor("u-brand")));
    }
}
