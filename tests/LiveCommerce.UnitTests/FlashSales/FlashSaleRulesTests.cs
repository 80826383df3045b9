using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.FlashSales;
using Microsoft.Extensions.Options;

namespace LiveCommerce.UnitTests.FlashSales;

public sealed class FlashSaleRulesTests
{
    [Theory]
    [InlineData("fs-abc.h1", "fs-abc")]
    [InlineData("fs-a.b.h42", null)]
    [InlineData("fs-abc.h", null)]
    [InlineData("fs-abc.hx1", null)]
    [InlineData("fs-abc.h-1", null)]
    [InlineData(".h1", null)]
    [InlineData("nonsense", null)]
    [InlineData("", null)]
    public void Hold_ids_name_their_sale_or_nothing(string holdId, string? sale) => Assert.Equal(sale, HoldIds.SaleOf(holdId));

    [Fact]
    public void The_order_id_follows_from_the_hold_id() => Assert.Equal("fs-abc.o17", HoldIds.OrderIdFor("fs-abc.h17"));

    [Theory]
    [InlineData("USD", "9.99", true)]
    [InlineData("USD", "9.999", false)]
    [InlineData("JPY", "1200", true)]
    [InlineData("JPY", "1200.5", false)]
    [InlineData("XYZ", "1", false)]
    public void Prices_fit_their_currency(string currency, string amount, bool fits) =>
        Assert.Equal(fits, Currencies.FitsMinorUnits(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));

    [Fact]
    public void Only_iso_codes_in_the_table_are_supported()
    {
        Assert.True(Currencies.IsSupported("EUR"));
        Assert.False(Currencies.IsSupported("eur"));
        Assert.False(Currencies.IsSupported(null));
    }

    [Fact]
    public void Status_follows_the_clock_and_cancellation()
    {
        var start = DateTimeOffset.UtcNow;
        var sale = new FlashSale("fs-1", SaleKind.Flash, "p", null, "t", "b", 1m, "USD", ["s"], 1, 1, 300, start, start.AddMinutes(1));
        Assert.Equal(SaleStatus.Scheduled, sale.StatusAt(start.AddSeconds(-1)));
        Assert.Equal(SaleStatus.Live, sale.StatusAt(start));
        Assert.Equal(SaleStatus.Ended, sale.StatusAt(start.AddMinutes(1)));
        Assert.Equal(SaleStatus.Cancelled, (sale with { Cancelled = true }).StatusAt(start));
        Assert.Equal(SaleStatus.Live, (sale with { Kind = SaleKind.Regular, EndsAt = null }).StatusAt(start.AddYears(5)));
    }

    [Fact]
    public void Sold_out_is_remembered_briefly_and_a_remembered_hold_is_answered_again()
    {
        var clock = new ManualClock();
        var cache = new SoldOutCache(clock, Options.Create(new FlashSaleOptions { SoldOutCacheTtl = TimeSpan.FromSeconds(1) }));
        Assert.Null(cache.Answer("fs-1", "b1", "k", 1));

        var held = new ReserveResult(ReserveOutcome.Held, "fs-1.h1", clock.GetUtcNow().AddMinutes(5), 1, 0);
        cache.Remember("fs-1", "b1", "k", held);
        Assert.Equal(held, cache.Answer("fs-1", "b1", "k", 1));
        Assert.Equal(ReserveOutcome.SoldOut, cache.Answer("fs-1", "b2", "k", 1)!.Outcome);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cache.Answer("fs-1", "b2", "k", 1));

        cache.Remember("fs-1", "b3", "k", new ReserveResult(ReserveOutcome.SoldOut, null, null, 1, 0));
        Assert.NotNull(cache.Answer("fs-1", "b2", "k", 1));
        cache.StockReturned("fs-1");
        Assert.Null(cache.Answer("fs-1", "b2", "k", 1));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
