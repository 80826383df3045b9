using System.Collections.Frozen;

namespace LiveCommerce.Server.Features.Fx;

/// <summary>The ISO 4217 currencies we accept, with their minor units (decimals shown and charged).</summary>
public static class Currencies
{
    private static readonly FrozenDictionary<string, int> MinorUnits = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AED"] = 2, ["ARS"] = 2, ["AUD"] = 2, ["BHD"] = 3, ["BRL"] = 2, ["CAD"] = 2, ["CHF"] = 2, ["CLP"] = 0,
        ["CNY"] = 2, ["COP"] = 2, ["CZK"] = 2, ["DKK"] = 2, ["EGP"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["HKD"] = 2,
        ["HUF"] = 2, ["IDR"] = 2, ["ILS"] = 2, ["INR"] = 2, ["ISK"] = 0, ["JOD"] = 3, ["JPY"] = 0, ["KRW"] = 0,
        ["KWD"] = 3, ["MXN"] = 2, ["MYR"] = 2, ["NGN"] = 2, ["NOK"] = 2, ["NZD"] = 2, ["OMR"] = 3, ["PHP"] = 2,
        ["PLN"] = 2, ["QAR"] = 2, ["RON"] = 2, ["SAR"] = 2, ["SEK"] = 2, ["SGD"] = 2, ["THB"] = 2, ["TND"] = 3,
        ["TRY"] = 2, ["TWD"] = 2, ["UAH"] = 2, ["USD"] = 2, ["VND"] = 0, ["ZAR"] = 2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> All => MinorUnits.Keys;

    /// <summary>Upper-case three-letter codes only: "usd" is not a currency code.</summary>
    public static bool IsKnown(string? code) => code is not null && MinorUnits.ContainsKey(code);

    public static int MinorUnitsOf(string code) =>
        MinorUnits.TryGetValue(code, out var units) ? units : throw new ArgumentException($"Unknown currency {code}.", nameof(code));

    /// <summary>Rounds to the currency's minor units, halves away from zero (as prices are shown).</summary>
    public static decimal Round(decimal amount, string currency) =>
        Math.Round(amount, MinorUnitsOf(currency), MidpointRounding.AwayFromZero);

    /// <summary>True when the amount has no more decimals than the currency allows (no 10.5 JPY).</summary>
    public static bool FitsMinorUnits(decimal amount, string currency) => Round(amount, currency) == amount;
}
