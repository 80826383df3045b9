using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Fx;

namespace LiveCommerce.UnitTests.Fx;

/// <summary>Display conversion in decimal, rounded once to the target's minor units, halves away from zero.</summary>
public sealed class FxMathTests
{
    public static TheoryData<decimal, string, decimal, string, decimal, decimal> Cases => new()
    {
        // amount, from, from per USD, to, to per USD, expected
        { 10m, "USD", 1m, "JPY", 151.5m, 1515m },
        { 19.99m, "USD", 1m, "JPY", 151.5m, 3028m },          // 3028.485 → 0 decimals
        { 0.01m, "USD", 1m, "JPY", 151.5m, 2m },              // 1.515 → 2
        { 1000m, "JPY", 151.5m, "USD", 1m, 6.60m },           // 6.6006… → 2 decimals
        { 1m, "USD", 1m, "KWD", 0.3075m, 0.308m },            // 0.3075 → 3 decimals, half away from zero
        { 49.99m, "EUR", 0.92m, "KWD", 0.3075m, 16.709m },    // 16.7084…
        { 1m, "KWD", 0.3075m, "USD", 1m, 3.25m },             // 3.2520…
        { 0.125m, "USD", 1m, "EUR", 1m, 0.13m },              // exact midpoint rounds up
        { 12.34m, "USD", 1m, "USD", 1m, 12.34m },             // same currency: unchanged
        { 100m, "USD", 1m, "VND", 25300m, 2530000m },
        { 0.1m, "USD", 3m, "USD", 3m, 0.1m },
        { 1m, "EUR", 3m, "GBP", 1m, 0.33m },                  // 0.333… never becomes a float artefact
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Converts_and_rounds_to_minor_units(decimal amount, string from, decimal fromPerUsd, string to, decimal toPerUsd, decimal expected)
    {
        var result = FxMath.Convert(new Money(amount, from), to, fromPerUsd, toPerUsd);
        Assert.Equal(expected, result.Converted.Amount);
        Assert.Equal(to, result.Converted.Currency);
        Assert.Equal(new Money(amount, from), result.Original);
    }

    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("KRW", 0)]
    public void Knows_minor_units(string code, int units) => Assert.Equal(units, Currencies.MinorUnitsOf(code));

    [Theory]
    [InlineData(10, "JPY", true)]
    [InlineData(10.5, "JPY", false)]
    [InlineData(10.25, "USD", true)]
    [InlineData(10.255, "USD", false)]
    [InlineData(1.234, "KWD", true)]
    [InlineData(1.2345, "KWD", false)]
    public void Prices_must_fit_the_currencys_minor_units(decimal amount, string code, bool fits) =>
        Assert.Equal(fits, Currencies.FitsMinorUnits(amount, code));

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("XYZ")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_unknown_codes(string? code) => Assert.False(Currencies.IsKnown(code));

    [Fact]
    public void Money_types_are_decimal_everywhere()
    {
        Assert.Equal(typeof(decimal), typeof(Money).GetProperty(nameof(Money.Amount))!.PropertyType);
        Assert.Equal(typeof(decimal), typeof(ConvertedPrice).GetProperty(nameof(ConvertedPrice.Rate))!.PropertyType);
    }
}
