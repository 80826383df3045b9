using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Fx;

/// <summary>A rate table: seeded with plausible rates, overridable from configuration (<c>Fx:PerUsd</c>).</summary>
public sealed class ConfiguredFxRates(IOptions<FxOptions> options) : IFxRates
{
    /// <summary>Approximate mid rates per 1 USD; for display only, the brand is paid in its own currency.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> Seed = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["USD"] = 1m, ["EUR"] = 0.92m, ["GBP"] = 0.79m, ["JPY"] = 151.5m, ["KWD"] = 0.3075m, ["BHD"] = 0.376m,
        ["CHF"] = 0.90m, ["CAD"] = 1.37m, ["AUD"] = 1.52m, ["SGD"] = 1.35m, ["BRL"] = 5.05m, ["INR"] = 83.3m,
        ["CNY"] = 7.24m, ["KRW"] = 1375m, ["MXN"] = 17.1m, ["SEK"] = 10.6m, ["NOK"] = 10.8m, ["DKK"] = 6.88m,
        ["PLN"] = 3.98m, ["HKD"] = 7.82m, ["NZD"] = 1.66m, ["ZAR"] = 18.6m, ["TRY"] = 32.3m, ["AED"] = 3.6725m,
        ["SAR"] = 3.75m, ["THB"] = 36.5m, ["IDR"] = 15900m, ["VND"] = 25300m, ["CLP"] = 940m, ["ISK"] = 138m,
        ["OMR"] = 0.385m, ["JOD"] = 0.709m, ["TND"] = 3.12m,
    };

    private readonly Dictionary<string, decimal> _rates = Merge(options.Value.PerUsd);

    public ValueTask<decimal?> PerBaseAsync(string currency, CancellationToken ct = default) =>
        ValueTask.FromResult(_rates.TryGetValue(currency, out var rate) ? rate : (decimal?)null);

    private static Dictionary<string, decimal> Merge(IReadOnlyDictionary<string, decimal> configured)
    {
        var rates = new Dictionary<string, decimal>(Seed, StringComparer.Ordinal);
        foreach (var (code, rate) in configured)
        {
            rates[code] = rate;
        }

        return rates;
    }
}
