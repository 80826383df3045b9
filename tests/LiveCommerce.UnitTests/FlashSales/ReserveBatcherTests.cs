using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Infrastructure.Local;
using Microsoft.Extensions.Options;

namespace LiveCommerce.UnitTests.FlashSales;

public sealed class ReserveBatcherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_rush_holds_exactly_the_units_and_most_of_it_is_answered_without_the_inventory()
    {
        var inventory = new CountingInventory(new LocalFlashSaleInventory(TimeProvider.System));
        var sale = await LiveSaleAsync(inventory.Inner, units: 50);
        using var batcher = new ReserveBatcher(inventory, NewCache());

        var answers = await Task.WhenAll(Enumerable.Range(0, 400).Select(i =>
            Task.Run(() => batcher.ReserveAsync(new ReserveRequest(sale, $"b{i}", 1, "k", null))))).WaitAsync(Timeout);

        Assert.Equal(50, answers.Count(a => a.Outcome == ReserveOutcome.Held));
        Assert.Equal(350, answers.Count(a => a.Outcome == ReserveOutcome.SoldOut));
        Assert.Equal(50, answers.Where(a => a.HoldId is not null).Select(a => a.HoldId).Distinct().Count());
        // Never more asked at once than the last answer said were left, and no call once none were.
        Assert.All(inventory.Rounds, r => Assert.True(r.Asked <= Math.Max(1, r.LeftBefore ?? 1), $"asked {r.Asked} with {r.LeftBefore} left"));
        Assert.True(inventory.Rounds.Sum(r => r.Asked) < 400, $"{inventory.Rounds.Sum(r => r.Asked)} calls reached the inventory");
    }

    [Fact]
    public async Task Until_a_first_answer_one_call_goes_then_as_many_as_are_left()
    {
        var inventory = new CountingInventory(new LocalFlashSaleInventory(TimeProvider.System)) { Hold = new ManualResetEventSlim() };
        var sale = await LiveSaleAsync(inventory.Inner, units: 3);
        using var batcher = new ReserveBatcher(inventory, NewCache());

        var first = batcher.ReserveAsync(new ReserveRequest(sale, "b0", 1, "k", null));
        await inventory.Entered.WaitAsync(Timeout);
        var rest = Enumerable.Range(1, 5).Select(i => batcher.ReserveAsync(new ReserveRequest(sale, $"b{i}", 1, "k", null))).ToArray();
        inventory.Hold.Set();

        Assert.Equal(ReserveOutcome.Held, (await first.WaitAsync(Timeout)).Outcome);
        var later = await Task.WhenAll(rest).WaitAsync(Timeout);
        Assert.Equal(2, later.Count(a => a.Outcome == ReserveOutcome.Held));
        Assert.Equal(3, later.Count(a => a.Outcome == ReserveOutcome.SoldOut));
        Assert.Equal([1, 2], inventory.Rounds.Select(r => r.Asked));
    }

    [Fact]
    public async Task A_call_refused_gets_its_own_error_and_a_failing_inventory_fails_only_its_round()
    {
        var inventory = new CountingInventory(new LocalFlashSaleInventory(TimeProvider.System));
        var sale = await LiveSaleAsync(inventory.Inner, units: 5);
        using var batcher = new ReserveBatcher(inventory, NewCache());

        var refused = await Record.ExceptionAsync(() => batcher.ReserveAsync(new ReserveRequest("fs-missing", "b1", 1, "k", null)).WaitAsync(Timeout));
        Assert.Equal(ErrorCodes.SaleNotFound, Assert.IsType<AppException>(refused).Code);

        inventory.FailNext = new InvalidOperationException("redis is down");
        var failed = await Record.ExceptionAsync(() => batcher.ReserveAsync(new ReserveRequest(sale, "b1", 1, "k", null)).WaitAsync(Timeout));
        Assert.Equal("redis is down", failed?.Message);

        Assert.Equal(ReserveOutcome.Held, (await batcher.ReserveAsync(new ReserveRequest(sale, "b1", 1, "k", null)).WaitAsync(Timeout)).Outcome);
    }

    [Fact]
    public async Task A_call_cancelled_while_it_waits_is_not_sent()
    {
        var inventory = new CountingInventory(new LocalFlashSaleInventory(TimeProvider.System)) { Hold = new ManualResetEventSlim() };
        var sale = await LiveSaleAsync(inventory.Inner, units: 5);
        using var batcher = new ReserveBatcher(inventory, NewCache());
        var first = batcher.ReserveAsync(new ReserveRequest(sale, "b0", 1, "k", null));
        await inventory.Entered.WaitAsync(Timeout);

        using var cts = new CancellationTokenSource();
        var cancelled = batcher.ReserveAsync(new ReserveRequest(sale, "b1", 1, "k", null), cts.Token);
        await cts.CancelAsync();
        inventory.Hold.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Timeout));
        await first.WaitAsync(Timeout);
        Assert.Equal(ReserveOutcome.Held, (await batcher.ReserveAsync(new ReserveRequest(sale, "b2", 1, "k", null)).WaitAsync(Timeout)).Outcome);
        Assert.DoesNotContain(inventory.Sent, r => r.BuyerId == "b1");
    }

    private static SoldOutCache NewCache() =>
        new(TimeProvider.System, Options.Create(new FlashSaleOptions { SoldOutCacheTtl = TimeSpan.FromSeconds(30) }));

    private static async Task<string> LiveSaleAsync(IFlashSaleInventory inventory, int units)
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var sale = new FlashSale("fs-" + Guid.NewGuid().ToString("N")[..10], SaleKind.Flash, "p-1", null, "Lip gloss", "u-brand", 9.99m, "USD", ["s-1"],
            units, 1, 300, start, start.AddMinutes(5));
        Assert.True(await inventory.CreateAsync(sale));
        return sale.Id;
    }

    /// <summary>The in-process inventory, recording each round it is asked (and able to hold one up or fail it).</summary>
    private sealed class CountingInventory(LocalFlashSaleInventory inner) : IFlashSaleInventory
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LocalFlashSaleInventory Inner { get; } = inner;

        public ConcurrentQueue<(int Asked, int? LeftBefore)> Rounds { get; } = new();

        public ConcurrentQueue<ReserveRequest> Sent { get; } = new();

        /// <summary>When set, the first round waits for it.</summary>
        public ManualResetEventSlim? Hold { get; init; }

        public Task Entered => _entered.Task;

        public Exception? FailNext { get; set; }

        public IReadOnlyList<ReserveAnswer> ReserveMany(IReadOnlyList<ReserveRequest> requests)
        {
            _entered.TrySetResult();
            Hold?.Wait(Timeout);
            if (FailNext is { } failure)
            {
                FailNext = null;
                throw failure;
            }

            var left = requests[0].SaleId.StartsWith("fs-missing", StringComparison.Ordinal) ? null : Inner.GetAsync(requests[0].SaleId).Result?.Stock;
            Rounds.Enqueue((requests.Sum(r => r.Quantity), left));
            foreach (var r in requests)
            {
                Sent.Enqueue(r);
            }

            return Inner.ReserveMany(requests);
        }

        public Task<bool> CreateAsync(FlashSale sale, CancellationToken ct = default) => Inner.CreateAsync(sale, ct);

        public Task<FlashSale?> GetAsync(string saleId, CancellationToken ct = default) => Inner.GetAsync(saleId, ct);

        public Task<IReadOnlyList<FlashSale>> ListForStreamAsync(string streamId, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<EditOutcome> UpdateBeforeStartAsync(FlashSale sale, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<EditOutcome> CancelAsync(string saleId, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)?> LaunchAsync(string saleId, TimeSpan duration, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<StockReturn> ChangeQuantityAsync(string saleId, int quantity, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<BeginCheckout> BeginCheckoutAsync(string holdId, string buyerId, string checkoutKey, TimeSpan grace, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<string?> CommitAsync(string holdId, string buyerId, string checkoutKey, OrderDto order, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<OrderDto?> GetOrderAsync(string saleId, string orderId, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<OrderDto>> UnloggedOrdersAsync(string saleId, DateTimeOffset before, int max = 100, CancellationToken ct = default) => throw new NotSupportedException();

        public Task MarkLoggedAsync(string saleId, string orderId, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<bool> RecordIntentAsync(string holdId, string buyerId, string checkoutKey, string intentId, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<UnsettledPayment>> UnsettledPaymentsAsync(string saleId, DateTimeOffset before, int max = 100, CancellationToken ct = default) => throw new NotSupportedException();

        public Task ForgetPaymentAsync(string saleId, string holdId, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<bool> RepriceRegularAsync(FlashSale sale, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<RefundClaim> BeginRefundAsync(string saleId, string orderId, string token, TimeSpan lease, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<DateTimeOffset?> EndRefundAsync(string saleId, string orderId, string token, bool refunded, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, DateTimeOffset>> RefundsAsync(string saleId, IReadOnlyList<string> orderIds, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<StockReturn> ReleaseAsync(string holdId, string buyerId, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<StockReturn> SweepExpiredAsync(string saleId, int max = 200, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<int> JoinWaitlistAsync(string saleId, string buyerId, string? streamId, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<bool> TryClaimStockPushAsync(string saleId, TimeSpan interval, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
