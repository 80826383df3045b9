using System.Globalization;
using Microsoft.Extensions.Localization;

namespace LiveCommerce.Client.Shared;

/// <summary>How numbers and times read on screen. Pure functions, so tests can pin a culture, zone and clock.</summary>
public static class Formats
{
    /// <summary>"987", "9,876", then compact: "12.3K", "4.5M".</summary>
    public static string ViewerCount(int viewers, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        return Math.Max(0, viewers) switch
        {
            < 10_000 and var n => n.ToString("N0", culture),
            < 1_000_000 and var n => Compact(n / 1_000d, "K", culture),
            var n => Compact(n / 1_000_000d, "M", culture),
        };
    }

    /// <summary>
    /// A moment in the viewer's own time zone: "Today, 18:30", "Tomorrow, 09:00",
    /// otherwise weekday, day and month: "Fri, 28 November, 18:30" (order and names by culture).
    /// </summary>
    public static string LocalDateTime(DateTimeOffset when, DateTimeOffset now, TimeZoneInfo? zone = null, CultureInfo? culture = null, IStringLocalizer? l = null)
    {
        zone ??= TimeZoneInfo.Local;
        culture ??= CultureInfo.CurrentCulture;
        var local = TimeZoneInfo.ConvertTime(when, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var time = local.ToString("t", culture);
        var days = (local.Date - today).Days;
        return days switch
        {
            0 => Text(l, "Today, {0}", time),
            1 => Text(l, "Tomorrow, {0}", time),
            -1 => Text(l, "Yesterday, {0}", time),
            _ => $"{local.ToString("ddd", culture)}, {local.ToString(culture.DateTimeFormat.MonthDayPattern, culture)}, {time}",
        };
    }

    /// <summary>"in 5 min", "in 2 h 10 min", "in 3 days", "starting soon" (under a minute or past due).</summary>
    public static string Until(DateTimeOffset when, DateTimeOffset now, IStringLocalizer? l = null)
    {
        var left = when - now;
        return left switch
        {
            { TotalMinutes: < 1 } => Text(l, "starting soon"),
            { TotalHours: < 1 } => Text(l, "in {0} min", (int)left.TotalMinutes),
            { TotalHours: < 24 } when left.Minutes == 0 => Text(l, "in {0} h", (int)left.TotalHours),
            { TotalHours: < 24 } => Text(l, "in {0} h {1} min", (int)left.TotalHours, left.Minutes),
            { TotalDays: < 2 } => Text(l, "in 1 day"),
            _ => Text(l, "in {0} days", (int)left.TotalDays),
        };
    }

    /// <summary>The phrase in the UI language when a localizer is given; English (the keys) otherwise.</summary>
    private static string Text(IStringLocalizer? l, string key, params object[] args) =>
        l is null ? string.Format(CultureInfo.CurrentCulture, key, args) : l[key, args].Value;

    /// <summary>
    /// Money as people of <paramref name="culture"/> write it: separators and symbol position by
    /// culture, digits by currency ("$24.99", "24,99 US$", "¥3,750", "24,99 €").
    /// </summary>
    /// <summary>A fraction (0.125) as a percentage in the UI culture ("12.5%"); "—" when there is none.</summary>
    public static string Percent(decimal? fraction, CultureInfo? culture = null) =>
        fraction is { } f ? f.ToString("P1", culture ?? CultureInfo.CurrentCulture) : "—";

    public static string Money(decimal amount, string currency, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = CurrencySymbol(currency, culture);
        format.CurrencyDecimalDigits = MinorUnits(currency);
        return amount.ToString("C", format);
    }

    public static string Money(Contracts.Money money, CultureInfo? culture = null) => Money(money.Amount, money.Currency, culture);

    /// <summary>Digits after the decimal point (ISO 4217 minor units) for the currencies that differ from two.</summary>
    public static int MinorUnits(string currency) => currency switch
    {
        "JPY" or "KRW" or "VND" or "CLP" or "ISK" or "UGX" or "PYG" or "XOF" or "XAF" or "HUF" => 0,
        "KWD" or "BHD" or "OMR" or "JOD" or "TND" or "LYD" or "IQD" => 3,
        _ => 2,
    };

    /// <summary>The culture's own symbol for its own currency; a widely read one otherwise, else the code.</summary>
    public static string CurrencySymbol(string currency, CultureInfo culture)
    {
        if (!culture.IsNeutralCulture && culture.Name.Length > 0)
        {
            try
            {
                var region = new RegionInfo(culture.Name);
                if (region.ISOCurrencySymbol == currency)
                {
                    return culture.NumberFormat.CurrencySymbol;
                }
            }
            catch (ArgumentException)
            {
                // A culture without a region.
            }
        }

        return currency switch
        {
            "USD" => "US$",
            "EUR" => "€",
            "GBP" => "£",
            "JPY" => "JP¥",
            "CNY" => "CN¥",
            "INR" => "₹",
            "KRW" => "₩",
            "BRL" => "R$",
            "MXN" => "MX$",
            "CAD" => "CA$",
            "AUD" => "A$",
            _ => currency + "\u00a0",
        };
    }

    /// <summary>A countdown: "4:59", "1:02:03"; zero when past.</summary>
    public static string Countdown(TimeSpan left)
    {
        if (left < TimeSpan.Zero)
        {
            left = TimeSpan.Zero;
        }

        // To the nearest second: a 60 s pin reads "1:00" when it arrives a few ms later.
        var seconds = (long)Math.Round(left.TotalSeconds, MidpointRounding.AwayFromZero);
        return seconds >= 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}:{seconds % 60:00}");
    }

    /// <summary>Machine-readable moment for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset when) => when.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Compact(double value, string suffix, CultureInfo culture) =>
        (value < 100 ? Math.Floor(value * 10) / 10 : Math.Floor(value)).ToString(value < 100 ? "0.#" : "0", culture) + suffix;
}
