using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Media;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Attribution;

/// <summary>Exports a report (all rows) as CSV to the media store and answers a time-limited download link.</summary>
public sealed record ExportReport(Actor Actor, string Kind, string? OwnerId, ReportQuery Query) : ICommand<ReportExportDto>, IValidated
{
    public void Validate(Validator v)
    {
        v.Require(Kind is "influencer" or "brand", "kind must be influencer or brand.");
        Query.Validate(v);
        v.Require(OwnerId is null || TextRules.IsId(OwnerId), "The owner id is not a valid id.");
    }
}

public sealed class ExportReportHandler(ReportBuilder builder, ReportNames names, IMediaStore media, ExportLinks links)
    : ICommandHandler<ExportReport, ReportExportDto>
{
    public async ValueTask<ReportExportDto> Handle(ExportReport command, CancellationToken ct)
    {
        var influencer = command.Kind == "influencer";
        var owner = ReportAccess.Owner(command.Actor, influencer ? Roles.Host : Roles.Brand, command.OwnerId, influencer ? "influencerId" : "brandId");
        var all = command.Query with { Page = 1, PageSize = int.MaxValue };
        var report = await names.NameAsync(await builder.BuildAsync(influencer ? ReportOf.Influencer : ReportOf.Brand, owner, all, ct), ct);
        var name = $"{ExportLinks.Folder}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}.csv";
        await media.SaveAsync(name, Encoding.UTF8.GetBytes(Csv(report)), "text/csv; charset=utf-8", ct);
        var (url, expires) = links.Sign(name);
        return new ReportExportDto(url, expires, report.Rows.Count);
    }

    public static string Csv(EarningsReport report)
    {
        var csv = new StringBuilder();
        csv.Append("dimension,key,orders,units,gmv,commission,currency,buyers,unique_viewers,peak_viewers,conversion,name,handle\n");
        foreach (var r in report.Rows.Prepend(report.Total))
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{r.Dimension},{Field(r.Key)},{r.Orders},{r.Units},{r.Gmv},{r.Commission},{report.Currency},{r.Buyers},{r.UniqueViewers},{r.PeakViewers},{r.Conversion},{Field(r.Name)},{Field(r.Handle)}\n");
        }

        return csv.ToString();
    }

    /// <summary>Keys are ids and dates, names are people's own words: quote, and defuse spreadsheet formulas.</summary>
    private static string Field(string? s) => s is null ? "" : "\"" + (s.Length > 0 && "=+-@".Contains(s[0]) ? "'" + s : s).Replace("\"", "\"\"") + "\"";
}

/// <summary>
/// Download links signed by the server (HMAC over name and expiry), served by the server for both
/// media adapters, so the link works the same on Blob and on a local folder. (A Blob SAS would let
/// clients skip the server; this keeps one code path and the expiry under our clock.)
/// </summary>
public sealed class ExportLinks(IOptions<AttributionOptions> options, TimeProvider clock)
{
    public const string Folder = "exports";

    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes("export-links:" + (
        options.Value.ExportSigningKey is { Length: > 0 } k ? k
        : Convert.ToHexString(RandomNumberGenerator.GetBytes(32)))));

    public (string Url, DateTimeOffset ExpiresAt) Sign(string name)
    {
        var expires = clock.GetUtcNow().Add(options.Value.ExportLinkLifetime);
        var exp = expires.ToUnixTimeSeconds();
        return ($"/api/reports/exports/{name[(Folder.Length + 1)..]}?exp={exp}&sig={Signature(name, exp)}", DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    /// <summary>The media name when the link is genuine and unexpired; otherwise refuses with a stable code.</summary>
    public string Verify(string file, long exp, string? sig)
    {
        var name = $"{Folder}/{file}";
        if (!MediaRules.IsSafeName(name) || sig is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature(name, exp)), Encoding.ASCII.GetBytes(sig)))
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "This download link is not valid.");
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() <= exp
            ? name
            : throw new AppException(ErrorCodes.ExportLinkExpired, "This download link has expired.", StatusCodes.Status410Gone);
    }

    private string Signature(string name, long exp) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{name}\n{exp}")));
}
