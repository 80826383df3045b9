using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Stock pushes: sold-out goes out at once; other changes are marked and pushed by a loop at most
/// once per <see cref="FlashSaleOptions.StockPushInterval"/> per sale across the cluster (Redis
/// claim), reading the stock fresh so the push is the latest truth. Waitlist grants go to one user.
/// </summary>
public sealed partial class FlashSaleBroadcaster(
    IHubContext<LiveHub, ILiveClient> hub,
    IFlashSaleInventory inventory,
    IOptions<FlashSaleOptions> options,
    TimeProvider clock,
    ILogger<FlashSaleBroadcaster> logger) : PeriodicWork(clock, logger), IFlashSaleNotifier
{
    protected override TimeSpan Interval => options.Value.StockPushInterval;

    private readonly ConcurrentDictionary<string, byte> _dirty = new();

    public void StockChanged(string saleId, int remaining)
    {
        if (remaining == 0)
        {
            _dirty.TryRemove(saleId, out _);
            _ = SendSoldOutAsync(saleId);
        }
        else
        {
            _dirty[saleId] = 0;
        }
    }

    public Task HoldGrantedAsync(HoldGrant grant, CancellationToken ct = default) =>
        hub.Clients.User(grant.BuyerId).WaitlistHoldGranted(new WaitlistHoldGranted(grant.SaleId, grant.HoldId, grant.Quantity, grant.ExpiresAt));

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        foreach (var saleId in _dirty.Keys)
        {
            // Another node pushed this interval: stay dirty and try next tick.
            if (await inventory.TryClaimStockPushAsync(saleId, Interval, ct) && _dirty.TryRemove(saleId, out _)
                && await inventory.GetAsync(saleId, ct) is { } sale)
            {
                await SendAsync(sale.Id, sale.StreamIds, sale.Stock);
            }
        }
    }

    private async Task SendSoldOutAsync(string saleId)
    {
        try
        {
            if (await inventory.GetAsync(saleId) is { } sale)
            {
                await SendAsync(saleId, sale.StreamIds, 0);
            }
        }
        catch (Exception e)
        {
            LogFailed(Logger, e);
        }
    }

    private Task SendAsync(string saleId, IReadOnlyList<string> streamIds, int remaining) =>
        hub.Clients.Groups(streamIds.Select(LiveHub.Group).ToList()).StockChanged(new StockChanged(saleId, remaining, remaining == 0));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stock push failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>SignalR's user id is the token's subject, so <c>Clients.User(id)</c> reaches every connection of that account on any node.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User?.FindFirst(AuthClaims.Subject)?.Value;
}
