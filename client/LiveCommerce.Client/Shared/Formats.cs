using System.Globalization;

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
    public static string LocalDateTime(DateTimeOffset when, DateTimeOffset now, TimeZoneInfo? zone = null, CultureInfo? culture = null)
    {
        zone ??= TimeZoneInfo.Local;
        culture ??= CultureInfo.CurrentCulture;
        var local = TimeZoneInfo.ConvertTime(when, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var time = local.ToString("t", culture);
        var days = (local.Date - today).Days;
        return days switch
        {
            0 => $"Today, {time}",
            1 => $"Tomorrow, {time}",
            -1 => $"Yesterday, {time}",
            _ => $"{local.ToString("ddd", culture)}, {local.ToString(culture.DateTimeFormat.MonthDayPattern, culture)}, {time}",
        };
    }

    /// <summary>"in 5 min", "in 2 h 10 min", "in 3 days", "starting soon" (under a minute or past due).</summary>
    public static string Until(DateTimeOffset when, DateTimeOffset now)
    {
        var left = when - now;
        return left switch
        {
            { TotalMinutes: < 1 } => "starting soon",
            { TotalHours: < 1 } => $"in {(int)left.TotalMinutes} min",
            { TotalHours: < 24 } when left.Minutes == 0 => $"in {(int)left.TotalHours} h",
            { TotalHours: < 24 } => $"in {(int)left.TotalHours} h {left.Minutes} min",
            { TotalDays: < 2 } => "in 1 day",
            _ => $"in {(int)left.TotalDays} days",
        };
    }

    /// <summary>Machine-readable moment for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset when) => when.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Compact(double value, string suffix, CultureInfo culture) =>
        (value < 100 ? Math.Floor(value * 10) / 10 : Math.Floor(value)).ToString(value < 100 ? "0.#" : "0", culture) + suffix;
}
