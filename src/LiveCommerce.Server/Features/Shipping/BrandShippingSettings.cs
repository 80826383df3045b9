using System.Text.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Audit;
using LiveCommerce.Server.Features.Fulfilment;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Shipping;

/// <summary>A brand's shipping settings (anyone signed in may read them: buyers see the fee in the quote anyway).</summary>
public sealed record GetBrandShipping(string BrandId) : IQuery<BrandShippingDto>, IValidated
{
    public void Validate(Validator v) => v.Id("brandId", BrandId);
}

public sealed class GetBrandShippingHandler(ShippingDirectory directory, IOptions<FulfilmentOptions> fulfilment)
    : IQueryHandler<GetBrandShipping, BrandShippingDto>
{
    public async ValueTask<BrandShippingDto> Handle(GetBrandShipping query, CancellationToken ct) =>
        (await directory.PolicyAsync(query.BrandId, ct)).ToDto(fulfilment.Value.ReturnWindowDays);
}

/// <summary>
/// The brand (its manager or owner) sets where it ships, the fee per zone in its currency, and whether it collects
/// import duties and taxes at checkout, and its return window (days after delivery, 0 to 365: else
/// <c>invalid_return_window</c> on <c>returnWindowDays</c>, nothing saved; null keeps it). The window applies to
/// orders that reach the books from then on; an order keeps the one it was sold with. Money: written to the audit log.
/// </summary>
public sealed record SetBrandShipping(Actor Actor, string BrandId, BrandShippingDto Request) : ICommand<BrandShippingDto>, IValidated
{
    public const int MaxZones = 20;
    public const int MaxZoneName = 60;

    public void Validate(Validator v)
    {
        v.Id("brandId", BrandId);
        var r = Request;
        if (r is null)
        {
            v.Refuse("A body { currency, shipsTo, zones, collectsImportTaxes } is required.");
            return;
        }

        v.Require(Fx.Currencies.IsKnown(r.Currency), "currency must be a supported ISO 4217 code.", "currency")
         .Require(r.ShipsTo is not null && r.ShipsTo.Count <= Catalog.CatalogRules.MaxCountries && r.ShipsTo.All(AddressRules.IsSupported),
            "shipsTo must list supported ISO 3166-1 alpha-2 codes (upper case).", "shipsTo")
         .Require(r.OriginCountry is null || AddressRules.IsSupported(r.OriginCountry), "originCountry must be a supported ISO code.", "originCountry")
         .Require(r.Zones is not null && r.Zones.Count <= MaxZones, $"zones: at most {MaxZones}.", "zones");
        foreach (var (zone, i) in (r.Zones ?? []).Take(MaxZones).Select((z, i) => (z, i)))
        {
            if (zone is null)
            {
                v.Refuse($"zones[{i}] is null.", "zones");
                continue;
            }

            v.Text($"zones[{i}].name", zone.Name, MaxZoneName)
             .Require(zone.Countries is { Count: > 0 } c && c.Count <= Catalog.CatalogRules.MaxCountries && c.All(AddressRules.IsSupported),
                $"zones[{i}].countries must list supported ISO codes.", $"zones[{i}].countries")
             .Require(zone.Fee is >= 0 and <= 100_000 && Fx.Currencies.IsKnown(r.Currency) && Fx.Currencies.FitsMinorUnits(zone.Fee, r.Currency),
                $"zones[{i}].fee must be 0 to 100000 in the currency's minor units.", $"zones[{i}].fee");
        }
    }
}

public sealed class SetBrandShippingHandler(
    IServiceScopeFactory scopes, ShippingDirectory directory, IAuditLog audit, IOptions<FulfilmentOptions> fulfilment, TimeProvider clock)
    : ICommandHandler<SetBrandShipping, BrandShippingDto>
{
    public async ValueTask<BrandShippingDto> Handle(SetBrandShipping command, CancellationToken ct)
    {
        var actor = command.Actor;
        if (!actor.IsAdmin && !actor.ActsFor(command.BrandId, BrandRoles.Manager))
        {
            throw AppException.Forbidden(ErrorCodes.NotOwner, "Only the brand's managers set its shipping.");
        }

        var r = command.Request;
        if (r.ReturnWindowDays is < 0 or > BrandShippingDto.MaxReturnWindowDays)
        {
            throw AppException.ForField(ErrorCodes.InvalidReturnWindow, "returnWindowDays",
                $"returnWindowDays must be 0 to {BrandShippingDto.MaxReturnWindowDays} days after delivery.");
        }

        var zones = r.Zones.Select(z => new ShippingZoneDto(TextRules.Clean(z.Name), [.. z.Countries.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], z.Fee)).ToList();
        await using var work = scopes.OpenAccounts();
        var row = await work.Db.BrandShipping.SingleOrDefaultAsync(s => s.BrandId == command.BrandId, ct);
        if (row is null)
        {
            row = new BrandShipping { BrandId = command.BrandId };
            work.Db.BrandShipping.Add(row);
        }

        row.Currency = r.Currency;
        row.ShipsTo = string.Join(',', r.ShipsTo.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        row.ZonesJson = JsonSerializer.Serialize(zones, JsonSerializerOptions.Web);
        row.CollectsImportTaxes = r.CollectsImportTaxes;
        row.OriginCountry = r.OriginCountry;
        row.ReturnWindowDays = r.ReturnWindowDays ?? row.ReturnWindowDays;
        row.UpdatedAt = clock.GetUtcNow();
        await work.Db.SaveChangesAsync(ct);
        directory.Forget(command.BrandId);
        await audit.RecordAsync(actor, AuditActions.BrandShippingSet, command.BrandId,
            $"{zones.Count} zones, ships to {(row.ShipsTo.Length == 0 ? "zones" : row.ShipsTo)}, {(row.CollectsImportTaxes ? "DDP" : "DAP")}, returns {row.ReturnWindowDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"} days", ct);
        return (await directory.PolicyAsync(command.BrandId, ct)).ToDto(fulfilment.Value.ReturnWindowDays);
    }
}
