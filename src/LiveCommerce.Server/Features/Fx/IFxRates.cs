using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Fx;

/// <summary>Exchange rates for display. A configured table today; a live rate feed can implement this later.</summary>
public interface IFxRates
{
    /// <summary>Units of <paramref name="currency"/> per one unit of the base currency (USD), or null when unknown.</summary>
    ValueTask<decimal?> PerBaseAsync(string currency, CancellationToken ct = default);
}

/// <summary>Pure conversion arithmetic, in decimal, rounded to the target's minor units.</summary>
public static class FxMath
{
    /// <summary>
    /// Cross rate through the base: amount / perBase[from] * perBase[to]. The rate is kept at full
    /// decimal precision; only the final amount is rounded, once.
    /// </summary>
    public static ConvertedPrice Convert(Money price, string to, decimal fromPerBase, decimal toPerBase)
    {
        var rate = price.Currency == to ? 1m : toPerBase / fromPerBase;
        var amount = price.Currency == to ? price.Amount : price.Amount * toPerBase / fromPerBase;
        return new ConvertedPrice(price, new Money(Currencies.Round(amount, to), to), rate);
    }

    public static async ValueTask<ConvertedPrice> ConvertAsync(this IFxRates rates, Money price, string to, CancellationToken ct)
    {
        var from = await rates.PerBaseAsync(price.Currency, ct);
        var target = await rates.PerBaseAsync(to, ct);
        if (from is not > 0 || target is not > 0)
        {
            throw new AppException(ErrorCodes.InvalidCurrency, $"No exchange rate for {(from is not > 0 ? price.Currency : to)}.");
        }

        return Convert(price, to, from.Value, target.Value);
    }
}
