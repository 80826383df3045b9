using LiveCommerce.Contracts;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Shipping;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Demo;

/// <summary>
/// The demo's shipping (issue 27): each demo viewer has a home address, so Buy → address → pay works at once,
/// and the demo brands say where they ship and what it costs. Seeded once (the addresses through the same
/// command the account page sends), never over what a person changed since.
/// </summary>
public sealed partial class DemoShipping(
    IServiceScopeFactory scopes, ISender sender, DemoSeeder seeder, DemoAccounts accounts, IOptions<DemoOptions> options, ILogger<DemoShipping> logger)
    : BackgroundService
{
    /// <summary>A US brand: North America, Europe and the demo viewers' countries; the carrier collects import charges.</summary>
    public static readonly BrandShippingDto Glow = new("u-brand-glow", "USD", [],
    [
        new ShippingZoneDto("North America", ["CA", "MX", "US"], 5m),
        new ShippingZoneDto("Europe", ["AT", "DE", "ES", "FR", "GB", "IT", "NL"], 12m),
        new ShippingZoneDto("Rest of the world", ["AU", "BR", "JP", "SG"], 18m),
    ], false, "US");

    /// <summary>A German brand: the EU at a flat fee, a few countries further away; it collects import charges (DDP).</summary>
    public static readonly BrandShippingDto Kite = new("u-brand-kite", "EUR", [],
    [
        new ShippingZoneDto("EU", ["AT", "DE", "ES", "FR", "IT", "NL"], 4.90m),
        new ShippingZoneDto("World", ["BR", "GB", "SG", "US"], 14.90m),
    ], true, "DE");

    private static readonly Dictionary<string, AddressRequest> Homes = new(StringComparer.Ordinal)
    {
        ["sam"] = new("Sam Lee", "1 Raffles Place", "#20-01", "Singapore", null, "048616", "SG", null, true),
        ["ana"] = new("Ana Souza", "Avenida Paulista 1578", null, "São Paulo", "SP", "01310-200", "BR", null, true),
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            await seeder.Seeded.WaitAsync(stoppingToken);
            foreach (var (handle, home) in Homes)
            {
                var account = accounts.FindByHandle(handle)!;
                await using var work = scopes.OpenAccounts();
                await DemoAccounts.EnsureSeededAsync(work, account, DemoAccounts.DevelopmentPassword, DateTimeOffset.UtcNow, stoppingToken);
                if (!await work.Db.Addresses.AnyAsync(a => a.UserId == account.Id, stoppingToken))
                {
                    await sender.Send(new SaveAddress(new Actor(account.Id, account.DisplayName, account.Role), null, home), stoppingToken);
                }
            }

            foreach (var (handle, settings) in new[] { ("glow", Glow), ("kite", Kite) })
            {
                var brand = accounts.FindByHandle(handle)!;
                await using var work = scopes.OpenAccounts();
                if (!await work.Db.BrandShipping.AnyAsync(s => s.BrandId == brand.Id, stoppingToken))
                {
                    // Stored directly, not through SetBrandShipping: seeding is not a brand's action for the audit log.
                    work.Db.BrandShipping.Add(new BrandShipping
                    {
                        BrandId = brand.Id, Currency = settings.Currency, ShipsTo = string.Join(',', settings.ShipsTo),
                        ZonesJson = System.Text.Json.JsonSerializer.Serialize(settings.Zones, System.Text.Json.JsonSerializerOptions.Web),
                        CollectsImportTaxes = settings.CollectsImportTaxes, OriginCountry = settings.OriginCountry, UpdatedAt = DateTimeOffset.UtcNow,
                    });
                    await work.Db.SaveChangesAsync(stoppingToken);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another node seeded the same rows first, or the database is briefly away: the demo runs without them.
            LogNotSeeded(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo's addresses and brand shipping were not seeded")]
    private static partial void LogNotSeeded(ILogger logger, Exception exception);
}
