using System.Collections.Concurrent;
using System.Text.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Shipping;

/// <summary>A brand's shipping settings as the quote reads them.</summary>
public sealed record ShippingPolicy(
    string BrandId,
    string Currency,
    IReadOnlyList<string> ShipsTo,
    IReadOnlyList<ShippingZoneDto> Zones,
    bool CollectsImportTaxes,
    string? Origin,
    int? ReturnWindowDays = null)
{
    /// <summary>A brand that set nothing ships wherever its products say, free, duties due on delivery.</summary>
    public static ShippingPolicy Unset(string brandId, string? origin) => new(brandId, "USD", [], [], false, origin);

    public bool IsUnset => ShipsTo.Count == 0 && Zones.Count == 0;

    /// <summary>Listed in <see cref="ShipsTo"/>, or (when that is empty) in a zone; a brand that set nothing ships anywhere.</summary>
    public bool Allows(string country) =>
        IsUnset || (ShipsTo.Count > 0 ? ShipsTo.Contains(country) : Zones.Any(z => z.Countries.Contains(country)));

    /// <summary>The fee of the first zone that lists the country; none: free.</summary>
    public decimal FeeTo(string country) => Zones.FirstOrDefault(z => z.Countries.Contains(country))?.Fee ?? 0m;

    /// <summary>As the brand reads it: its own return window, or <paramref name="defaultReturnWindowDays"/>.</summary>
    public BrandShippingDto ToDto(int defaultReturnWindowDays) =>
        new(BrandId, Currency, ShipsTo, Zones, CollectsImportTaxes, Origin, ReturnWindowDays ?? defaultReturnWindowDays);
}

/// <summary>
/// Reads brand shipping settings and a viewer's country from the accounts database, remembering each for a
/// short while: Buy checks them on the flash-sale rush, which must not become a database query per tap.
/// A change made on this node is seen at once here, on the others within <see cref="Ttl"/>.
/// </summary>
public sealed class ShippingDirectory(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, ShippingPolicy Policy)> _policies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string? Country)> _countries = new(StringComparer.Ordinal);

    public async ValueTask<ShippingPolicy> PolicyAsync(string brandId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_policies.TryGetValue(brandId, out var cached) && now - cached.At < Ttl)
        {
            return cached.Policy;
        }

        await using var work = scopes.OpenAccounts();
        var row = await work.Db.BrandShipping.AsNoTracking().SingleOrDefaultAsync(s => s.BrandId == brandId, ct);
        var origin = row?.OriginCountry ?? await work.Db.Brands.AsNoTracking().Where(b => b.Id == brandId).Select(b => b.Country).SingleOrDefaultAsync(ct);
        var policy = row is null ? ShippingPolicy.Unset(brandId, origin) : ToPolicy(row, origin);
        _policies[brandId] = (now, policy);
        return policy;
    }

    public static ShippingPolicy ToPolicy(BrandShipping row, string? origin) => new(
        row.BrandId,
        row.Currency,
        row.ShipsTo.Split(',', StringSplitOptions.RemoveEmptyEntries),
        JsonSerializer.Deserialize<List<ShippingZoneDto>>(row.ZonesJson, JsonSerializerOptions.Web) ?? [],
        row.CollectsImportTaxes,
        origin,
        row.ReturnWindowDays);

    public void Forget(string brandId) => _policies.TryRemove(brandId, out _);

    /// <summary>
    /// The brand's own return window, read afresh (not from the cache: the books snapshot it per order, and an
    /// order booked after a change on another node must get the new one); null: the brand set none.
    /// </summary>
    public async Task<int?> ReturnWindowDaysAsync(string brandId, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        return await work.Db.BrandShipping.AsNoTracking().Where(s => s.BrandId == brandId).Select(s => s.ReturnWindowDays).SingleOrDefaultAsync(ct);
    }

    /// <summary>Where the viewer receives parcels: the default address's country, else the account's, else unknown.</summary>
    public async ValueTask<string?> CountryOfAsync(Actor actor, CancellationToken ct)
    {
        if (actor.IsGuest)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (_countries.TryGetValue(actor.UserId, out var cached) && now - cached.At < Ttl)
        {
            return cached.Country;
        }

        await using var work = scopes.OpenAccounts();
        var country = await work.Db.Addresses.AsNoTracking().Where(a => a.UserId == actor.UserId)
                .OrderByDescending(a => a.IsDefault).ThenBy(a => a.CreatedAt).Select(a => a.Country).FirstOrDefaultAsync(ct)
            ?? await work.Db.Users.AsNoTracking().Where(u => u.Id == actor.UserId).Select(u => u.Country).SingleOrDefaultAsync(ct);
        _countries[actor.UserId] = (now, country);
        return country;
    }

    public void ForgetViewer(string userId) => _countries.TryRemove(userId, out _);
}
