using System.Collections.Frozen;

namespace LiveCommerce.Server.Features.Shipping;

/// <summary>
/// One destination's import rule: the consumption tax (VAT/GST) and the thresholds under which duty or
/// tax is not charged, in <see cref="ThresholdCurrency"/>. <see cref="DutyRate"/> is an estimate for
/// consumer goods: the real rate depends on the tariff heading, which the catalog does not know yet.
/// Every figure names its <see cref="Source"/> and the date it took effect or was checked (<see cref="AsOf"/>);
/// docs/LANDED-COST.md is this table in words.
/// </summary>
public sealed record ImportRule(
    string Country,
    string ThresholdCurrency,
    string TaxName,
    decimal TaxRate,
    decimal TaxDeMinimis,
    decimal DutyDeMinimis,
    decimal DutyRate,
    bool ValueIncludesShipping,
    string Source,
    string AsOf)
{
    /// <summary>A fixed duty per order line at or under <see cref="DutyDeMinimis"/> instead of none (the EU from 2026-07-01).</summary>
    public decimal LowValueFlatDuty { get; init; }

    /// <summary>A lower duty rate for goods worth at most <see cref="LowValueCeiling"/> (Brazil's Remessa Conforme).</summary>
    public decimal? LowValueDutyRate { get; init; }

    public decimal LowValueCeiling { get; init; }

    /// <summary>Taken off the duty above <see cref="LowValueCeiling"/> (Brazil: USD 20).</summary>
    public decimal DutyDeduction { get; init; }

    /// <summary>The tax is computed "by the inside" (Brazil's ICMS): base / (1 − rate) × rate.</summary>
    public bool TaxGrossUp { get; init; }

    /// <summary>Member of a customs union: goods between its members cross no customs.</summary>
    public string? CustomsUnion { get; init; }

    /// <summary>Origins with higher thresholds by treaty (Canada: CUSMA for goods from the US and Mexico).</summary>
    public IReadOnlyList<string> PartnerOrigins { get; init; } = [];

    public decimal PartnerTaxDeMinimis { get; init; }

    public decimal PartnerDutyDeMinimis { get; init; }
}

/// <summary>The shipped rule table. Change a figure here and in docs/LANDED-COST.md together.</summary>
public static class ImportRules
{
    private const string EuVatSource = "European Commission, 'VAT rates applied in the Member States of the EU' (taxation-customs.ec.europa.eu), situation at 1 January 2025; VAT on every import since 2021-07-01 (Council Directive (EU) 2017/2455); duty relief ≤ EUR 150 (Regulation (EC) 1186/2009 art. 23) replaced from 2026-07-01 by a EUR 3 flat duty per item category (Council decision of 2025-12-12, adopted 2026-02-11); duty estimate: WTO World Tariff Profiles 2024, EU simple average MFN (non-agricultural) ≈ 4%";
    private const string EuAsOf = "2026-07-01";

    private static ImportRule Eu(string country, decimal vat, string asOf = EuAsOf) =>
        new(country, "EUR", "VAT", vat, 0m, 150m, 0.04m, true, EuVatSource, asOf)
        {
            LowValueFlatDuty = 3m,
            CustomsUnion = "EU",
        };

    public static readonly FrozenDictionary<string, ImportRule> All = new[]
    {
        Eu("AT", 0.20m), Eu("BE", 0.21m), Eu("BG", 0.20m), Eu("CY", 0.19m), Eu("CZ", 0.21m), Eu("DE", 0.19m),
        Eu("DK", 0.25m), Eu("EE", 0.24m), Eu("ES", 0.21m), Eu("FI", 0.255m), Eu("FR", 0.20m), Eu("GR", 0.24m),
        Eu("HR", 0.25m), Eu("HU", 0.27m), Eu("IE", 0.23m), Eu("IT", 0.22m), Eu("LT", 0.21m), Eu("LU", 0.17m),
        Eu("LV", 0.21m), Eu("MT", 0.18m), Eu("NL", 0.21m), Eu("PL", 0.23m), Eu("PT", 0.23m), Eu("RO", 0.21m),
        Eu("SE", 0.25m), Eu("SI", 0.22m), Eu("SK", 0.23m),
        new("GB", "GBP", "VAT", 0.20m, 0m, 135m, 0.04m, true,
            "HMRC, 'VAT and overseas goods sold directly to customers in the UK' (gov.uk): VAT charged at sale on consignments ≤ GBP 135, no customs duty ≤ GBP 135; standard rate 20%; duty estimate: WTO World Tariff Profiles 2024, UK simple average MFN ≈ 4%",
            "2021-01-01"),
        new("US", "USD", "Sales tax (not estimated)", 0m, 0m, 0m, 0.10m, false,
            "Executive Order 14324 (2025-07-30): the USD 800 de minimis (19 U.S.C. 1321) suspended for all countries from 2025-08-29; duty estimate: the 10% baseline additional duty of Executive Order 14257 (higher for many origins); state sales tax is not an import tax and is not estimated",
            "2025-08-29"),
        new("CA", "CAD", "GST", 0.05m, 20m, 20m, 0.06m, false,
            "CBSA, 'Importing by mail or courier' and memorandum D8-2-16: goods ≤ CAD 20 free of duty and tax; CUSMA courier thresholds CAD 40 (tax) and CAD 150 (duty) for goods from the US and Mexico since 2020-07-01; GST 5% (provincial HST/PST not estimated); duty estimate ≈ 6%",
            "2020-07-01")
        {
            PartnerOrigins = ["US", "MX"],
            PartnerTaxDeMinimis = 40m,
            PartnerDutyDeMinimis = 150m,
        },
        new("AU", "AUD", "GST", 0.10m, 0m, 1000m, 0.05m, true,
            "Australian Taxation Office, 'GST on low value imported goods': GST charged at sale on goods ≤ AUD 1,000 since 2018-07-01; Australian Border Force: no duty ≤ AUD 1,000; general tariff rate 5%",
            "2018-07-01"),
        new("SG", "SGD", "GST", 0.09m, 0m, 0m, 0m, true,
            "IRAS, 'GST on imported low-value goods' (overseas vendor registration, ≤ SGD 400, since 2023-01-01); GST rate 9% since 2024-01-01; Singapore Customs: duty only on liquor, tobacco, motor vehicles and petroleum",
            "2024-01-01"),
        new("BR", "USD", "ICMS", 0.17m, 0m, 0m, 0.60m, true,
            "Receita Federal, Programa Remessa Conforme: Lei 14.902/2024 and Portaria MF 1.086/2024 — import tax 20% up to USD 50, 60% less USD 20 from USD 50.01 to USD 3,000, since 2024-08-01; ICMS 17% (Convênio ICMS 81/2023, computed 'por dentro'; some states apply 20% since 2025-04-01)",
            "2024-08-01")
        {
            LowValueDutyRate = 0.20m,
            LowValueCeiling = 50m,
            DutyDeduction = 20m,
            TaxGrossUp = true,
        },
        new("MX", "USD", "IVA", 0.16m, 50m, 50m, 0.03m, true,
            "SAT, Reglas Generales de Comercio Exterior para 2025 (DOF 2024-12-30), courier imports: exempt ≤ USD 50 (from CUSMA partners); above, the simplified 'tasa global' ≈ 19%, estimated here as IVA 16% plus 3% duty",
            "2025-01-01"),
        new("JP", "JPY", "Consumption tax", 0.10m, 10000m, 10000m, 0.05m, true,
            "Japan Customs, Customs Tariff Act art. 14(18) and 'Taxation of small-value imports': no duty or consumption tax when the taxable value is ≤ JPY 10,000; consumption tax 10% since 2019-10-01; duty estimate ≈ 5%",
            "2019-10-01"),
        new("CN", "CNY", "Import VAT (CBEC 70%)", 0.091m, 0m, 0m, 0m, true,
            "Ministry of Finance, GAC and STA, Cai Guan Shui [2018] No. 49: cross-border e-commerce retail imports up to CNY 5,000 per transaction pay 0% duty and 70% of import VAT (13% × 70% = 9.1%) since 2019-01-01",
            "2019-01-01"),
    }.ToFrozenDictionary(r => r.Country, StringComparer.Ordinal);

    public static ImportRule? For(string country) => All.TryGetValue(country, out var rule) ? rule : null;
}

/// <summary>The duties and taxes estimate, in the brand's currency: pure arithmetic over one rule.</summary>
public static class LandedCostMath
{
    public sealed record Estimate(decimal Duties, decimal Taxes, bool Domestic, bool DutyFree, bool TaxFree);

    /// <summary>
    /// <paramref name="goods"/> and <paramref name="shipping"/> in the brand's currency; <paramref name="toThreshold"/>
    /// converts one brand unit into the rule's threshold currency. Thresholds compare the goods alone (intrinsic
    /// value), "not exceeding" (at the threshold is still under it). <paramref name="lines"/>: item categories, for flat duties.
    /// </summary>
    public static Estimate Compute(ImportRule rule, string? origin, decimal goods, decimal shipping, int lines, decimal toThreshold, int decimals)
    {
        if (origin is not null && (origin == rule.Country
            || (rule.CustomsUnion is { } union && ImportRules.For(origin)?.CustomsUnion == union)))
        {
            // Sold at home (or inside the customs union): the seller's own VAT is in its price; nothing at the border.
            return new Estimate(0m, 0m, true, true, true);
        }

        var partner = origin is not null && rule.PartnerOrigins.Contains(origin);
        var dutyThreshold = partner ? rule.PartnerDutyDeMinimis : rule.DutyDeMinimis;
        var taxThreshold = partner ? rule.PartnerTaxDeMinimis : rule.TaxDeMinimis;
        var goodsLocal = goods * toThreshold;
        var value = goods + (rule.ValueIncludesShipping ? shipping : 0m);

        decimal duty;
        var dutyFree = dutyThreshold > 0 && goodsLocal <= dutyThreshold;
        if (dutyFree)
        {
            duty = rule.LowValueFlatDuty * Math.Max(1, lines) / toThreshold;
        }
        else if (rule.LowValueDutyRate is { } low && goodsLocal <= rule.LowValueCeiling)
        {
            duty = value * low;
        }
        else
        {
            duty = Math.Max(0m, (value * rule.DutyRate) - (rule.DutyDeduction / toThreshold));
        }

        duty = Math.Round(duty, decimals, MidpointRounding.AwayFromZero);
        var taxFree = taxThreshold > 0 && goodsLocal <= taxThreshold;
        var taxBase = value + duty;
        var tax = taxFree ? 0m : rule.TaxGrossUp ? taxBase / (1 - rule.TaxRate) * rule.TaxRate : taxBase * rule.TaxRate;
        return new Estimate(duty, Math.Round(tax, decimals, MidpointRounding.AwayFromZero), false, dutyFree && rule.LowValueFlatDuty == 0, taxFree);
    }
}
