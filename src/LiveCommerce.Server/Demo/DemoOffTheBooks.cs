using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Orders;

namespace LiveCommerce.Server.Demo;

/// <summary>
/// Keeps the demo out of the books. What happens on the demo's streams (fixed ids, seeded by
/// <see cref="DemoSeeder"/>) still happens live: the crowd watches and chats, stock moves, buyers get
/// their "just bought" moment. But an order bought on a demo stream, or in a sale that runs only on
/// demo streams, is never appended to the order log, so it reaches no order list, earnings, report or
/// daily archive; and the demo streams' viewers are not counted in any report's audience.
/// </summary>
public static class DemoOffTheBooks
{
    /// <summary>The streams the demo seeds: whatever sells or is watched on them is the demo's.</summary>
    public static readonly IReadOnlySet<string> Streams = new HashSet<string>(StringComparer.Ordinal)
    {
        DemoSeeder.LiveStreamId, DemoSeeder.TrailStreamId, DemoSeeder.UpcomingStreamId,
    };

    /// <summary>Wraps the registered order log and audience store (the last registration of each, as the container would resolve it).</summary>
    public static void Decorate(IServiceCollection services)
    {
        Wrap<IOrderLog>(services, (sp, inner) => new OrderLogWithoutDemo(inner, sp.GetRequiredService<IFlashSaleInventory>()));
        Wrap<IAudienceStore>(services, (_, inner) => new AudienceWithoutDemo(inner));
    }

    private static void Wrap<T>(IServiceCollection services, Func<IServiceProvider, T, T> decorate)
        where T : class
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0 && index < 0; i--)
        {
            index = services[i].ServiceType == typeof(T) && !services[i].IsKeyedService ? i : -1;
        }

        if (index < 0)
        {
            throw new InvalidOperationException($"The demo runs but no {typeof(T).Name} is registered to keep it out of.");
        }

        var inner = services[index];
        services[index] = ServiceDescriptor.Singleton<T>(sp => decorate(sp, (T)(
            inner.ImplementationInstance
            ?? inner.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!))));
    }
}

/// <summary>The order log minus the demo's orders (<see cref="DemoOffTheBooks"/>); reads pass through.</summary>
public sealed class OrderLogWithoutDemo(IOrderLog books, IFlashSaleInventory sales) : IOrderLog
{
    public async Task AppendAsync(OrderDto order, CancellationToken ct = default)
    {
        if (!await IsDemoOrderAsync(order, ct))
        {
            await books.AppendAsync(order, ct);
        }
    }

    public async Task AppendReversalAsync(OrderDto order, DateTimeOffset at, CancellationToken ct = default)
    {
        if (!await IsDemoOrderAsync(order, ct))
        {
            await books.AppendReversalAsync(order, at, ct);
        }
    }

    public Task<IReadOnlyList<OrderDto>> ListForBuyerAsync(string buyerId, int limit, CancellationToken ct = default) =>
        books.ListForBuyerAsync(buyerId, limit, ct);

    public Task<IReadOnlyList<OrderDto>> ListForBrandAsync(string brandId, int limit, CancellationToken ct = default) =>
        books.ListForBrandAsync(brandId, limit, ct);

    public Task<IReadOnlyList<OrderDto>> ReadDayAsync(DateOnly day, CancellationToken ct = default) => books.ReadDayAsync(day, ct);

    public Task<IReadOnlyList<OrderLogEntry>> ReadAfterAsync(string? after, int count, CancellationToken ct = default) =>
        books.ReadAfterAsync(after, count, ct);

    public Task<bool> TryClaimArchiveAsync(DateOnly day, CancellationToken ct = default) => books.TryClaimArchiveAsync(day, ct);

    private async Task<bool> IsDemoOrderAsync(OrderDto order, CancellationToken ct)
    {
        var stream = order.StreamId ?? order.Attribution?.StreamId;
        if (stream is not null)
        {
            return DemoOffTheBooks.Streams.Contains(stream);
        }

        // Bought without watching: the sale decides (one read, only for orders attributed to no stream).
        var sale = await sales.GetAsync(order.SaleId, ct);
        return sale is { StreamIds.Count: > 0 } && sale.StreamIds.All(DemoOffTheBooks.Streams.Contains);
    }
}

/// <summary>The report audience minus the demo streams' viewers (<see cref="DemoOffTheBooks"/>); reads pass through.</summary>
public sealed class AudienceWithoutDemo(IAudienceStore audience) : IAudienceStore
{
    public Task RecordViewerAsync(string streamId, string hostId, DateOnly day, string viewerId, CancellationToken ct = default) =>
        DemoOffTheBooks.Streams.Contains(streamId) ? Task.CompletedTask : audience.RecordViewerAsync(streamId, hostId, day, viewerId, ct);

    public Task RecordConcurrentAsync(string streamId, DateOnly day, long viewers, CancellationToken ct = default) =>
        DemoOffTheBooks.Streams.Contains(streamId) ? Task.CompletedTask : audience.RecordConcurrentAsync(streamId, day, viewers, ct);

    public Task RecordBuyerAsync(IReadOnlyList<string> cells, string buyerId, CancellationToken ct = default) =>
        audience.RecordBuyerAsync(cells, buyerId, ct);

    public Task<IReadOnlyList<StreamDay>> HostedAsync(string hostId, IReadOnlyList<DateOnly> days, CancellationToken ct = default) =>
        audience.HostedAsync(hostId, days, ct);

    public Task<IReadOnlyList<AudienceCount>> CountViewersAsync(IReadOnlyList<IReadOnlyList<StreamDay>> groups, CancellationToken ct = default) =>
        audience.CountViewersAsync(groups, ct);

    public Task<IReadOnlyList<long>> CountBuyersAsync(IReadOnlyList<IReadOnlyList<string>> groups, CancellationToken ct = default) =>
        audience.CountBuyersAsync(groups, ct);
}
