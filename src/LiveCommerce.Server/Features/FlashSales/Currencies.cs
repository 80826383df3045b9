namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>The ISO 4217 currencies sales may be priced in, with their minor units (JPY has none).</summary>
public static class Currencies
{
    private static readonly Dictionary<string, int> MinorUnits = new(StringComparer.Ordinal)
    {
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["JPY"] = 0, ["KRW"] = 0, ["CNY"] = 2, ["INR"] = 2, ["SGD"] = 2,
        ["BRL"] = 2, ["MXN"] = 2, ["CAD"] = 2, ["AUD"] = 2, ["CHF"] = 2, ["SEK"] = 2, ["IDR"] = 2, ["THB"] = 2,
    };

    public static bool IsSupported(string? code) => code is not null && MinorUnits.ContainsKey(code);

    /// <summary>True when <paramref name="amount"/> has no more decimals than the currency has minor units.</summary>
    public static bool FitsMinorUnits(decimal amount, string code) =>
        MinorUnits.TryGetValue(code, out var units) && decimal.Round(amount, units) == amount;
}
