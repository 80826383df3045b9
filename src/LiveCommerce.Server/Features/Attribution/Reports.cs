using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Fx;
using Mediator;

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

/// <summary>An influencer's earnings; an influencer sees only their own, an admin names one.</summary>
public sealed record GetInfluencerReport(Actor Actor, string? InfluencerId, ReportQuery Query) : IQuery<EarningsReport>, IValidated
{
    public void Validate(Validator v)
    {
        Query.Validate(v);
        v.Require(InfluencerId is null || TextRules.IsId(InfluencerId), "influencerId is not a valid id.");
    }
}

/// <summary>A brand's sales; a brand sees only its own, an admin names one.</summary>
public sealed record GetBrandReport(Actor Actor, string? BrandId, ReportQuery Query) : IQuery<EarningsReport>, IValidated
{
    public void Validate(Validator v)
    {
        Query.Validate(v);
        v.Require(BrandId is null || TextRules.IsId(BrandId), "brandId is not a valid id.");
    }
}

public sealed class ReportHandlers(ReportBuilder builder)
    : IQueryHandler<GetInfluencerReport, EarningsReport>, IQueryHandler<GetBrandReport, EarningsReport>
{
    public async ValueTask<EarningsReport> Handle(GetInfluencerReport query, CancellationToken ct)
    {
        var owner = ReportAccess.Owner(query.Actor, Roles.Host, query.InfluencerId, "influencerId");
        return await builder.BuildAsync(owner, query.Query, d => AttributionRules.InfluencerBucket(owner, d), ct);
    }

    public async ValueTask<EarningsReport> Handle(GetBrandReport query, CancellationToken ct)
    {
        var owner = ReportAccess.Owner(query.Actor, Roles.Brand, query.BrandId, "brandId");
        return await builder.BuildAsync(owner, query.Query, d => AttributionRules.BrandBucket(owner, d), ct);
    }
}

public static class ReportAccess
{
    /// <summary>The owner whose report is read: the caller themself for <paramref name="role"/>, the named one for an admin.</summary>
    public static string Owner(Actor actor, string role, string? named, string field)
    {
        if (actor.IsAdmin)
        {
            return named ?? throw new AppException(ErrorCodes.ValidationFailed, $"An admin names the {field}.");
        }

        if (actor.Role != role)
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "This report is not for your role.");
        }

        return named is null || named == actor.UserId
            ? actor.UserId
            : throw AppException.Forbidden(ErrorCodes.Forbidden, "You can see only your own report.");
    }
}

/// <summary>Reads the day buckets of the range and sums them into rows, converting money through the FX port.</summary>
public sealed class ReportBuilder(IEarningsStore store, IFxRates fx)
{
    public async Task<EarningsReport> BuildAsync(string owner, ReportQuery query, Func<DateOnly, string> bucket, CancellationToken ct)
    {
        var days = query.Days().ToList();
        var buckets = await store.ReadAsync(days.Select(bucket).ToList(), ct);
        var sums = new Dictionary<(string Dimension, string Key), Sum>();
        for (var i = 0; i < days.Count; i++)
        {
            foreach (var (field, value) in buckets[i])
            {
                var bar = field.LastIndexOf('|');
                var dimension = field[..bar];
                var metric = field[(bar + 1)..];
                if (dimension == "all")
                {
                    Get(sums, ("total", "")).Add(metric, value);
                    Get(sums, ("day", days[i].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).Add(metric, value);

                    continue;
                }

                var colon = dimension.IndexOf(':');
                var name = dimension[..colon] switch { "inf" => "influencer", var n => n };
                Get(sums, (name, dimension[(colon + 1)..])).Add(metric, value);
            }
        }

        var currency = query.Currency ?? "USD";
        var rows = new List<ReportRow>();
        foreach (var ((dimension, key), sum) in sums.Where(s => s.Key.Dimension != "total")
                     .OrderBy(s => DimensionOrder(s.Key.Dimension)).ThenBy(s => s.Key.Key, StringComparer.Ordinal))
        {
            rows.Add(await sum.ToRowAsync(dimension, key, currency, fx, ct));
        }

        var total = await Get(sums, ("total", "")).ToRowAsync("total", "", currency, fx, ct);
        var page = query.Page ?? 1;
        var size = query.PageSize ?? 100;
        return new EarningsReport(owner, query.From!.Value, query.To!.Value, currency, total,
            rows.Skip((page - 1) * size).Take(size).ToList(), page, size, rows.Count);
    }

    private static int DimensionOrder(string d) => d switch
    {
        "day" => 0, "stream" => 1, "influencer" => 2, "product" => 3, "sale" => 4, _ => 5,
    };

    private static Sum Get(Dictionary<(string, string), Sum> sums, (string, string) key)
    {
        if (!sums.TryGetValue(key, out var sum))
        {
            sums[key] = sum = new Sum();
        }

        return sum;
    }

    private sealed class Sum
    {
        public long Orders { get; private set; }

        public long Units { get; private set; }

        private readonly Dictionary<string, long> _gmv = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _commission = new(StringComparer.Ordinal);

        public void Add(string metric, long value)
        {
            switch (metric)
            {
                case "orders": Orders += value; break;
                case "units": Units += value; break;
                case var m when m.StartsWith("gmv:", StringComparison.Ordinal): _gmv[m[4..]] = _gmv.GetValueOrDefault(m[4..]) + value; break;
                case var m when m.StartsWith("comm:", StringComparison.Ordinal): _commission[m[5..]] = _commission.GetValueOrDefault(m[5..]) + value; break;
            }
        }

        public async Task<ReportRow> ToRowAsync(string dimension, string key, string currency, IFxRates fx, CancellationToken ct) =>
            new(dimension, key, Orders, Units, await ConvertAsync(_gmv, currency, fx, ct), await ConvertAsync(_commission, currency, fx, ct));

        private static async Task<decimal> ConvertAsync(Dictionary<string, long> byCurrency, string to, IFxRates fx, CancellationToken ct)
        {
            var total = 0m;
            foreach (var (cur, minor) in byCurrency)
            {
                total += (await fx.ConvertAsync(new Money(AttributionRules.FromMinor(minor, cur), cur), to, ct)).Converted.Amount;
            }

            return total;
        }
    }
}
