using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Fx;

namespace LiveCommerce.Server.Features.Shipping;

/// <summary>
/// Prices an order at the buyer's door: items, the brand's zone fee, the duties and taxes estimate from
/// <see cref="ImportRules"/>, in the brand's currency and the viewer's. The quote endpoint and Checkout
/// both ask it, so what the buyer saw is what the order records.
/// </summary>
public sealed class LandedCostQuoter(IFxRates fx)
{
    /// <summary>Refuses with <see cref="ErrorCodes.DoesNotShipToCountry"/> when the brand or the product does not ship there.</summary>
    public static void RequireShips(ShippingPolicy policy, IReadOnlyList<string> productShipsTo, string country)
    {
        if (!Ships(policy, productShipsTo, country))
        {
            throw AppException.ForField(ErrorCodes.DoesNotShipToCountry, "country", $"This product does not ship to {country}.");
        }
    }

    /// <summary>A product with no list of its own ships wherever its brand does.</summary>
    public static bool Ships(ShippingPolicy policy, IReadOnlyList<string> productShipsTo, string country) =>
        policy.Allows(country) && (productShipsTo.Count == 0 || productShipsTo.Contains(country));

    public async ValueTask<LandedCostDto> QuoteAsync(
        ShippingPolicy policy, IReadOnlyList<string> productShipsTo, Money unitPrice, int quantity, string country, string? displayCurrency, CancellationToken ct)
    {
        RequireShips(policy, productShipsTo, country);
        var currency = unitPrice.Currency;
        var decimals = Fx.Currencies.MinorUnitsOf(currency);
        var items = unitPrice.Amount * quantity;
        var fee = policy.FeeTo(country);
        var shipping = fee == 0 || policy.Currency == currency ? fee : (await fx.ConvertAsync(new Money(fee, policy.Currency), currency, ct)).Converted.Amount;

        var rule = ImportRules.For(country);
        var estimate = rule is null
            ? new LandedCostMath.Estimate(0m, 0m, false, true, true)
            : LandedCostMath.Compute(rule, policy.Origin, items, shipping, 1, await RateAsync(currency, rule.ThresholdCurrency, ct), decimals);
        var total = items + shipping + estimate.Duties + estimate.Taxes;
        var prepaid = policy.CollectsImportTaxes;
        var payNow = prepaid ? total : items + shipping;
        var brand = new LandedAmounts(currency, items, shipping, estimate.Duties, estimate.Taxes, total, payNow, total - payNow);

        var display = displayCurrency is { Length: > 0 } d && d != currency ? d : currency;
        var rate = await RateAsync(currency, display, ct);
        var shown = display == currency ? brand with { } : new LandedAmounts(
            display, Convert(items), Convert(shipping), Convert(estimate.Duties), Convert(estimate.Taxes), 0m, 0m, 0m);
        if (display != currency)
        {
            // Each line converted and rounded once; the totals are the sums of the lines shown, so they add up on screen.
            var shownTotal = shown.Items + shown.Shipping + shown.Duties + shown.Taxes;
            var shownNow = prepaid ? shownTotal : shown.Items + shown.Shipping;
            shown = shown with { Total = shownTotal, PayNow = shownNow, DueOnDelivery = shownTotal - shownNow };
        }

        return new LandedCostDto(
            country, brand, shown, rate, prepaid, estimate.Domestic,
            rule?.TaxName ?? "—", estimate.Domestic || rule is null ? 0m : rule.TaxRate, rule?.Source ?? "No rule for this destination: duties and taxes not estimated.", rule?.AsOf ?? "");

        decimal Convert(decimal amount) => Fx.Currencies.Round(amount * rate, display);
    }

    private async ValueTask<decimal> RateAsync(string from, string to, CancellationToken ct) =>
        from == to ? 1m : (await fx.ConvertAsync(new Money(1m, from), to, ct)).Rate;
}
