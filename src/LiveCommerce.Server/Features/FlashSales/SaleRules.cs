using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Streams;

namespace LiveCommerce.Server.Features.FlashSales;

public static class SaleRules
{
    public const int MaxTitle = 120;
    public const int MaxStreams = 10;
    public const int MaxPerBuyer = 100;
    public const int MaxQuantity = 1_000_000;
    public const decimal MaxPrice = 1_000_000_000m;

    public static void ValidateShape(Validator v, ScheduleFlashSaleRequest r)
    {
        v.Id("productId", r.ProductId)
         .Text("title", r.Title, MaxTitle)
         .Require(r.VariantId is null || TextRules.IsId(r.VariantId), "variantId is not a valid id.", "variantId")
         .Require(Enum.IsDefined(r.Kind), "kind must be Flash or Regular.", "kind")
         .Require(r.Price > 0 && r.Price <= MaxPrice, $"price must be above 0 and at most {MaxPrice}.", "price")
         .Require(r.Quantity is >= 1 and <= MaxQuantity, $"quantity must be between 1 and {MaxQuantity}.", "quantity")
         .Require(r.PerBuyerLimit is >= 1 and <= MaxPerBuyer, $"perBuyerLimit must be between 1 and {MaxPerBuyer}.", "perBuyerLimit")
         .Require(r.HoldSeconds is null or (>= 1 and <= 1800), "holdSeconds must be between 1 and 1800.", "holdSeconds")
         .Require(r.StreamIds is { Count: >= 1 and <= MaxStreams }, $"streamIds must list 1 to {MaxStreams} streams.", "streamIds")
         .Require(r.StreamIds is null || r.StreamIds.All(TextRules.IsId), "streamIds holds an invalid id.", "streamIds")
         .Require(r.Kind == SaleKind.Regular || r.EndsAt is not null, "endsAt is required for a flash sale.", "endsAt");
    }

    /// <summary>Checks what needs the clock, the currency table and the streams, then builds the sale.</summary>
    public static async Task<FlashSale> BuildAsync(
        string id, Actor brand, ScheduleFlashSaleRequest r, IStreamStore streams, ICatalogStore catalog, FlashSaleOptions options, DateTimeOffset now, CancellationToken ct)
    {
        if (!Currencies.IsSupported(r.Currency))
        {
            throw AppException.ForField(ErrorCodes.UnsupportedCurrency, "currency", $"Currency '{Shorten(r.Currency)}' is not supported (ISO 4217, e.g. USD, EUR, JPY).");
        }

        if (!Currencies.FitsMinorUnits(r.Price, r.Currency))
        {
            throw AppException.ForField(ErrorCodes.ValidationFailed, "price", $"price has more decimals than {r.Currency} allows.");
        }

        if (r.Kind == SaleKind.Flash)
        {
            var duration = r.EndsAt!.Value - r.StartsAt;
            if (r.StartsAt < now - TimeSpan.FromSeconds(5) || r.StartsAt > now + TimeSpan.FromDays(60))
            {
                throw AppException.ForField(ErrorCodes.ValidationFailed, "startsAt", "startsAt must be between now and 60 days ahead.");
            }

            if (duration < options.MinDuration || duration > options.MaxDuration)
            {
                throw AppException.ForField(ErrorCodes.ValidationFailed, "endsAt", $"A flash sale runs between {options.MinDuration} and {options.MaxDuration}.");
            }
        }

        foreach (var streamId in r.StreamIds.Distinct())
        {
            await streams.GetRequiredAsync(streamId, ct);
        }

        // A brand sells only its own catalog, and is paid in the product's currency.
        var product = await catalog.GetProductAsync(r.ProductId, ct)
            ?? throw AppException.ForField(ErrorCodes.ProductNotFound, "productId", $"No product '{Shorten(r.ProductId)}'.", StatusCodes.Status404NotFound);
        if (!brand.ActsFor(product.BrandId, BrandRoles.Manager) && !brand.IsAdmin)
        {
            throw AppException.Forbidden(ErrorCodes.NotOwner, "A brand can only put its own products on sale.");
        }

        if (r.VariantId is not null && product.Variants.All(v => v.Sku != r.VariantId))
        {
            throw AppException.ForField(ErrorCodes.VariantNotFound, "variantId", $"The product has no variant '{Shorten(r.VariantId)}'.", StatusCodes.Status404NotFound);
        }

        if (product.Price.Currency != r.Currency)
        {
            throw AppException.ForField(ErrorCodes.CurrencyMismatch, "currency", $"This product is priced in {product.Price.Currency}; its sales must be too.");
        }

        var sale = new FlashSale(
            id, r.Kind, r.ProductId, r.VariantId, TextRules.Clean(r.Title), product.BrandId, r.Price, r.Currency, r.StreamIds.Distinct().ToList(),
            r.Quantity, r.PerBuyerLimit, r.HoldSeconds ?? 300,
            r.Kind == SaleKind.Regular ? now : r.StartsAt, r.Kind == SaleKind.Regular ? null : r.EndsAt);
        await RequirePartneredAsync(brand, sale, streams, catalog, now, ct);
        return sale;
    }

    /// <summary>
    /// A brand's sale goes on a host's stream only while that host has accepted a partnership with the
    /// brand that covers the product: refused with <c>not_partnered</c> otherwise. Admins are exempt.
    /// </summary>
    public static async Task RequirePartneredAsync(Actor actor, FlashSale sale, IStreamStore streams, ICatalogStore catalog, DateTimeOffset now, CancellationToken ct)
    {
        if (actor.IsAdmin)
        {
            return;
        }

        var hosts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var streamId in sale.StreamIds)
        {
            var stream = await streams.GetRequiredAsync(streamId, ct);
            if (hosts.Add(stream.HostId))
            {
                await catalog.RequirePartneredAsync(sale.BrandId, sale.ProductId, stream.HostId, now, ct);
            }
        }
    }

    /// <summary>
    /// Checks the partnerships again after the sale was written. An end answered between the first
    /// check and the write would otherwise leave a sale placed after it; <paramref name="takeBack"/>
    /// undoes the write and the caller is refused with <c>not_partnered</c>. Not cancellable: once
    /// written, the check and the undo must run.
    /// </summary>
    public static async Task RecheckPartneredAsync(
        Actor actor, FlashSale sale, IStreamStore streams, ICatalogStore catalog, TimeProvider clock, Func<Task> takeBack)
    {
        try
        {
            await RequirePartneredAsync(actor, sale, streams, catalog, clock.GetUtcNow(), CancellationToken.None);
        }
        catch (AppException e) when (e.Code == ErrorCodes.NotPartnered)
        {
            await takeBack();
            throw;
        }
    }

    /// <summary>
    /// Takes a just-created sale back: cancelled, or, when it started at once (a Regular sale, a flash
    /// sale starting now) and cannot be cancelled, cut to what is already committed so nobody else buys.
    /// </summary>
    public static async Task TakeBackAsync(IFlashSaleInventory inventory, string saleId)
    {
        if (await inventory.CancelAsync(saleId, CancellationToken.None) == EditOutcome.Done)
        {
            return;
        }

        var sale = await inventory.GetAsync(saleId, CancellationToken.None);
        if (sale is not null)
        {
            try
            {
                await inventory.ChangeQuantityAsync(saleId, sale.Sold + sale.Held, CancellationToken.None);
            }
            catch (AppException)
            {
                // Ended or changed meanwhile: nothing more to take back.
            }
        }
    }

    /// <summary>
    /// Queues the start and end events, and keeps the sale tracked (holds swept, orders reconciled)
    /// until after its last hold could be paid and its order reconciled.
    /// </summary>
    public static async Task ScheduleEdgesAsync(ISaleSchedule schedule, FlashSale sale, FlashSaleOptions options, CancellationToken ct)
    {
        if (sale.Kind == SaleKind.Flash && sale.EndsAt is { } end)
        {
            await schedule.ScheduleAsync(sale.Id, SaleEdge.Start, sale.StartsAt, ct);
            await schedule.ScheduleAsync(sale.Id, SaleEdge.End, end, ct);
        }

        var until = (sale.EndsAt ?? sale.StartsAt.AddYears(10)) + TimeSpan.FromSeconds(sale.HoldSeconds) + options.PaymentGrace
            + options.ReconcileAfter + options.ReconcileInterval + TimeSpan.FromMinutes(1);
        await schedule.TrackAsync(sale.Id, until, ct);
    }

    public static async Task<FlashSale> GetRequiredAsync(this IFlashSaleInventory inventory, string saleId, CancellationToken ct) =>
        (TextRules.IsId(saleId) ? await inventory.GetAsync(saleId, ct) : null)
        ?? throw AppException.NotFound(ErrorCodes.SaleNotFound, $"No sale '{Shorten(saleId)}'.");

    /// <summary>Only the brand that created the sale (or an admin) changes it.</summary>
    public static async Task<FlashSale> GetOwnedAsync(this IFlashSaleInventory inventory, string saleId, Actor actor, CancellationToken ct)
    {
        var sale = await inventory.GetRequiredAsync(saleId, ct);
        return actor.ActsFor(sale.BrandId, BrandRoles.Manager) || actor.IsAdmin
            ? sale
            : throw AppException.Forbidden(ErrorCodes.NotOwner, "Only the brand that created the sale can change it.");
    }

    public static string Shorten(string? value) => value is null ? "" : value.Length <= 64 ? value : value[..64] + "…";

    /// <summary>
    /// Refuses a sale that would give the brand more than <see cref="FlashSaleOptions.MaxSalesPerStream"/>
    /// scheduled or live sales on one of its streams at once: every viewer's join reads them. Checked
    /// before the write, so a brand racing itself may pass the cap by the requests in flight.
    /// </summary>
    public static async Task RequireRoomAsync(IFlashSaleInventory inventory, FlashSale sale, FlashSaleOptions options, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var streamId in sale.StreamIds.Distinct(StringComparer.Ordinal))
        {
            var open = (await inventory.ListForStreamAsync(streamId, ct))
                .Count(s => s.BrandId == sale.BrandId && s.Id != sale.Id && s.StatusAt(now) is SaleStatus.Scheduled or SaleStatus.Live);
            if (open >= options.MaxSalesPerStream)
            {
                throw AppException.Conflict(ErrorCodes.TooManySales,
                    $"A brand can have at most {options.MaxSalesPerStream} scheduled or live sales on one stream; '{streamId}' has that many of yours.");
            }
        }
    }
}
