using System.Globalization;
using System.Text;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>A brand's books as CSV (UTF-8, one order a line, newest first): status, shipment, tracking and return of each.</summary>
public sealed record ExportFulfilment(Actor Actor, string? BrandId) : IQuery<string>, IValidated
{
    public const int Limit = 50_000;

    public void Validate(Validator v) => v.Require(BrandId is null || TextRules.IsId(BrandId), "brandId is not a valid id.", "brandId");
}

public sealed class ExportFulfilmentHandler(IServiceScopeFactory scopes) : IQueryHandler<ExportFulfilment, string>
{
    public const string Header =
        "order_id,created_at,status,buyer_id,stream_id,items,total,currency,shipment_id,carrier,tracking_number,shipped_at,delivered_at,return_status,return_reason";

    public async ValueTask<string> Handle(ExportFulfilment query, CancellationToken ct)
    {
        var brand = FulfilmentAccess.BrandOf(query.Actor, query.BrandId);
        await using var work = scopes.OpenBooks();
        var orders = await work.Db.Orders.AsNoTracking().Where(o => o.BrandId == brand)
            .OrderByDescending(o => o.CreatedAt).Take(ExportFulfilment.Limit).ToListAsync(ct);
        var shipmentIds = orders.Where(o => o.ShipmentId != null).Select(o => o.ShipmentId!).Distinct().ToList();
        var shipments = await work.Db.Shipments.AsNoTracking().Where(s => shipmentIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var returns = await work.Db.Returns.AsNoTracking().Where(r => r.BrandId == brand).ToDictionaryAsync(r => r.OrderId, ct);
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var o in orders)
        {
            var shipment = o.ShipmentId is null ? null : shipments.GetValueOrDefault(o.ShipmentId);
            var ret = returns.GetValueOrDefault(o.Id);
            var items = string.Join("; ", OrderLife.Deserialize(o.OrderJson).Items.Select(i => $"{i.Quantity} x {i.Title}"));
            string[] cells =
            [
                o.Id, Time(o.CreatedAt), o.Status, o.BuyerId, o.StreamId ?? "", items, o.Total.ToString(CultureInfo.InvariantCulture), o.Currency,
                shipment?.Id ?? "", shipment?.Carrier ?? "", shipment?.TrackingNumber ?? "", Time(shipment?.ShippedAt), Time(o.DeliveredAt),
                ret?.Status ?? "", ret?.Reason ?? "",
            ];
            csv.AppendJoin(',', cells.Select(Cell)).Append('\n');
        }

        return csv.ToString();
    }

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs a buyer's text as a formula.</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
