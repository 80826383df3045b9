using LiveCommerce.Server.Features.Shipping;

namespace LiveCommerce.UnitTests.Shipping;

/// <summary>
/// Worked examples written from the cited rules (docs/LANDED-COST.md): each row is goods and shipping in the brand's
/// currency, the rate into the rule's threshold currency, and the duties and taxes a buyer would meet at the door.
/// The de-minimis rows sit exactly at the threshold (still under it: "not exceeding") and one cent above.
/// </summary>
public sealed class LandedCostMathTests
{
    public static TheoryData<string, string, decimal, decimal, decimal, int, decimal, decimal> Examples => new()
    {
        // destination, origin, goods, shipping, brand→threshold rate, decimals, duties, taxes
        // EU (Germany), from the US: under EUR 150 the EUR 3 flat duty (in USD at 0.92), VAT 19% on goods + shipping + duty.
        { "DE", "US", 100m, 15m, 0.92m, 2, 3.26m, 22.47m },
        // Over EUR 150: the duty estimate (4% of goods + shipping), VAT on top of it.
        { "DE", "US", 200m, 15m, 0.92m, 2, 8.60m, 42.48m },
        // Exactly EUR 150: still the flat duty; one cent more: the percentage.
        { "FR", "CN", 150m, 0m, 1m, 2, 3.00m, 30.60m },
        { "FR", "CN", 150.01m, 0m, 1m, 2, 6.00m, 31.20m },
        // UK: GBP 135 is duty-free (VAT still due, collected at sale); GBP 135.01 pays duty.
        { "GB", "US", 135m, 10m, 1m, 2, 0m, 29.00m },
        { "GB", "US", 135.01m, 10m, 1m, 2, 5.80m, 30.16m },
        // Canada: CAD 20 free of both; 20.01 pays duty on goods (value excludes shipping) and GST.
        { "CA", "CN", 20m, 8m, 1m, 2, 0m, 0m },
        { "CA", "CN", 20.01m, 8m, 1m, 2, 1.20m, 1.06m },
        // Canada from the US (CUSMA): GST free to CAD 40, duty free to CAD 150.
        { "CA", "US", 40m, 8m, 1m, 2, 0m, 0m },
        { "CA", "US", 40.01m, 8m, 1m, 2, 0m, 2.00m },
        // US: no de minimis since 2025-08-29; 10% on the goods (shipping excluded), no federal VAT.
        { "US", "DE", 800m, 25m, 1m, 2, 80.00m, 0m },
        // Brazil: 20% up to USD 50 on goods + shipping, ICMS 17% "por dentro"; above: 60% less USD 20.
        { "BR", "US", 50m, 10m, 1m, 2, 12.00m, 14.75m },
        { "BR", "US", 50.01m, 10m, 1m, 2, 16.01m, 15.57m },
        // Mexico: exempt to USD 50; above, 3% duty and 16% IVA on goods + shipping.
        { "MX", "US", 50m, 10m, 1m, 2, 0m, 0m },
        { "MX", "US", 50.01m, 10m, 1m, 2, 1.80m, 9.89m },
        // Japan: JPY 10,000 is free; JPY 10,001 pays 5% duty and 10% consumption tax (no minor units).
        { "JP", "US", 10000m, 1000m, 1m, 0, 0m, 0m },
        { "JP", "US", 10001m, 1000m, 1m, 0, 550m, 1155m },
        // Singapore: GST 9% from the first dollar, no duty on ordinary goods.
        { "SG", "US", 10m, 5m, 1m, 2, 0m, 1.35m },
        // Australia: duty-free to AUD 1,000, GST 10% on goods + shipping.
        { "AU", "US", 1000m, 20m, 1m, 2, 0m, 102.00m },
        // China (cross-border e-commerce): no duty, 70% of 13% VAT.
        { "CN", "US", 100m, 20m, 1m, 2, 0m, 10.92m },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Matches_the_worked_examples(string destination, string origin, decimal goods, decimal shipping, decimal rate, int decimals, decimal duties, decimal taxes)
    {
        var estimate = LandedCostMath.Compute(ImportRules.For(destination)!, origin, goods, shipping, 1, rate, decimals);
        Assert.Equal(duties, estimate.Duties);
        Assert.Equal(taxes, estimate.Taxes);
        Assert.False(estimate.Domestic);
    }

    [Theory]
    [InlineData("DE", "DE")]
    [InlineData("DE", "FR")] // inside the EU customs union
    [InlineData("US", "US")]
    public void Nothing_at_the_border_at_home_or_inside_a_customs_union(string destination, string origin)
    {
        var estimate = LandedCostMath.Compute(ImportRules.For(destination)!, origin, 500m, 20m, 1, 1m, 2);
        Assert.True(estimate.Domestic);
        Assert.Equal(0m, estimate.Duties + estimate.Taxes);
    }

    [Fact]
    public void Every_rule_names_its_source_and_date()
    {
        foreach (var rule in ImportRules.All.Values)
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Source), rule.Country);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", rule.AsOf);
            Assert.True(AddressRules.IsSupported(rule.Country), rule.Country);
        }

        foreach (var required in new[] { "DE", "FR", "IT", "ES", "NL", "GB", "US", "CA", "AU", "SG", "BR", "MX", "JP", "CN" })
        {
            Assert.NotNull(ImportRules.For(required));
        }
    }
}
