using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Fx;

namespace LiveCommerce.Server.Features.Attribution;

/// <summary>Date range (UTC days, inclusive), display currency and paging shared by the reports.</summary>
public sealed record ReportQuery(DateOnly? From, DateOnly? To, string? Currency, int? Page, int? PageSize)
{
    public const int MaxDays = 366;
    public const int MaxPageSize = 500;

    public void Validate(Validator v)
    {
        v.Require(From is not null && To is not null, "from and to (yyyy-MM-dd) are required.");
        if (From is { } f && To is { } t)
        {
            v.Require(f <= t, "from must not be after to.")
             .Require(t.DayNumber - f.DayNumber + 1 <= MaxDays, $"A report covers at most {MaxDays} days.");
        }

        v.Require(Currency is null || Currencies.IsKnown(Currency), "currency must be a supported ISO 4217 code, e.g. USD.")
         .Require(Page is null or >= 1, "page must be 1 or more.")
         .Require(PageSize is null or (>= 1 and <= MaxPageSize), $"pageSize must be between 1 and {MaxPageSize}.");
    }

    public IEnumerable<DateOnly> Days()
    {
        for (var d = From!.Value; d <= To!.Value; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}
