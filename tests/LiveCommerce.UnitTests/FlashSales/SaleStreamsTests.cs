using System.Reflection;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Infrastructure.Local;

namespace LiveCommerce.UnitTests.FlashSales;

/// <summary>A purchase must name one of the sale's streams; checking it costs a rush no extra read.</summary>
public sealed class SaleStreamsTests
{
    private readonly ManualClock _clock = new();

    private async Task<(SaleStreams Streams, ReadCounter Reads, string SaleId)> SaleAsync(TimeSpan startsIn)
    {
        var local = new LocalFlashSaleInventory(_clock);
        var start = _clock.GetUtcNow() + startsIn;
        var sale = new FlashSale("fs-" + Guid.NewGuid().ToString("N")[..10], SaleKind.Flash, "p-1", null, "Lip gloss", "u-brand", 9.99m, "USD",
            ["s-live", "s-upcoming"], 10, 1, 300, start, start.AddMinutes(5));
        Assert.True(await local.CreateAsync(sale));
        var inventory = DispatchProxy.Create<IFlashSaleInventory, ReadCounter>();
        var reads = (ReadCounter)(object)inventory;
        reads.Inner = local;
        return (new SaleStreams(inventory, _clock), reads, sale.Id);
    }

    private static async Task<string?> RefusalAsync(Func<ValueTask> check)
    {
        var e = await Record.ExceptionAsync(async () => await check());
        return (e as AppException)?.Code;
    }

    [Fact]
    public async Task A_started_sale_is_read_once_and_only_its_streams_pass()
    {
        var (streams, reads, saleId) = await SaleAsync(startsIn: TimeSpan.FromSeconds(-10));

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => streams.RequireOfferedInAsync(saleId, "s-live", default).AsTask()));
        await streams.RequireOfferedInAsync(saleId, "s-upcoming", default);
        Assert.Equal(ErrorCodes.SaleNotFound, await RefusalAsync(() => streams.RequireOfferedInAsync(saleId, "s-elsewhere", default)));
        _clock.Advance(TimeSpan.FromHours(1));
        await streams.RequireOfferedInAsync(saleId, "s-live", default);

        Assert.Equal(1, reads.Count);
    }

    [Fact]
    public async Task Before_the_start_the_streams_are_read_again_after_a_second_as_a_brand_may_still_edit_them()
    {
        var (streams, reads, saleId) = await SaleAsync(startsIn: TimeSpan.FromMinutes(1));

        await streams.RequireOfferedInAsync(saleId, "s-live", default);
        await streams.RequireOfferedInAsync(saleId, "s-live", default);
        Assert.Equal(1, reads.Count);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await streams.RequireOfferedInAsync(saleId, "s-live", default);
        Assert.Equal(2, reads.Count);
    }

    [Fact]
    public async Task Callers_arriving_while_the_sale_is_read_share_that_read()
    {
        var (streams, reads, saleId) = await SaleAsync(startsIn: TimeSpan.FromSeconds(-10));
        reads.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var checks = Enumerable.Range(0, 50).Select(_ => streams.RequireOfferedInAsync(saleId, "s-live", default).AsTask()).ToArray();
        reads.Gate.SetResult();
        await Task.WhenAll(checks).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, reads.Count);
    }

    [Fact]
    public async Task An_unknown_sale_is_not_found_and_not_remembered()
    {
        var (streams, reads, _) = await SaleAsync(startsIn: TimeSpan.Zero);

        Assert.Equal(ErrorCodes.SaleNotFound, await RefusalAsync(() => streams.RequireOfferedInAsync("fs-nope", "s-live", default)));
        Assert.Equal(ErrorCodes.SaleNotFound, await RefusalAsync(() => streams.RequireOfferedInAsync("fs-nope", "s-live", default)));
        Assert.Equal(2, reads.Count);
    }

    /// <summary>The in-process inventory, counting sale reads (and able to hold them until <see cref="Gate"/> opens).</summary>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time.
    public class ReadCounter : DispatchProxy
#pragma warning restore CA1852
    {
        private int _count;

        public IFlashSaleInventory Inner { get; set; } = null!;

        public TaskCompletionSource? Gate { get; set; }

        public int Count => Volatile.Read(ref _count);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name != nameof(IFlashSaleInventory.GetAsync))
            {
                return targetMethod.Invoke(Inner, args);
            }

            Interlocked.Increment(ref _count);
            return ReadAsync((string)args![0]!);
        }

        private async Task<FlashSale?> ReadAsync(string saleId)
        {
            if (Gate is { } gate)
            {
                await gate.Task;
            }

            return await Inner.GetAsync(saleId);
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
