using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.IntegrationTests.FlashSales;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>What every <see cref="IFlashSaleInventory"/> must do; run against the Redis scripts and the in-process twin.</summary>
public abstract class FlashSaleInventoryContract
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    protected abstract Task<IFlashSaleInventory> CreateAsync();

    protected static FlashSale NewSale(int quantity = 10, int limit = 1, int holdSeconds = 300, DateTimeOffset? starts = null, TimeSpan? duration = null)
    {
        var start = starts ?? DateTimeOffset.UtcNow.AddSeconds(-1);
        return new FlashSale(
            "fs-" + Guid.NewGuid().ToString("N")[..10], SaleKind.Flash, "p-1", null, "Lip gloss", "u-brand", 9.99m, "USD", ["s-1"],
            quantity, limit, holdSeconds, start, start + (duration ?? TimeSpan.FromMinutes(5)));
    }

    private static async Task<IFlashSaleInventory> WithSaleAsync(IFlashSaleInventory inventory, FlashSale sale)
    {
        Assert.True(await inventory.CreateAsync(sale));
        return inventory;
    }

    private static OrderDto OrderFor(string holdId, string buyer, FlashSale sale, int quantity) => new(
        HoldIds.OrderIdFor(holdId), buyer, sale.Id, sale.BrandId, [new OrderItemDto(sale.ProductId, null, sale.Title, quantity, sale.Price)],
        sale.Price * quantity, sale.Currency, sale.Currency, "s-1", new AttributionRef("s-1", "u-host"), "pay-1", DateTimeOffset.UtcNow);

    private static async Task<string> BuyAsync(IFlashSaleInventory inventory, FlashSale sale, string buyer, int quantity, string key)
    {
        var held = await inventory.ReserveAsync(sale.Id, buyer, quantity, key, "s-1");
        Assert.Equal(ReserveOutcome.Held, held.Outcome);
        Assert.Equal(BeginCheckoutOutcome.Pay, (await inventory.BeginCheckoutAsync(held.HoldId!, buyer, "c-" + key, Grace)).Outcome);
        return (await inventory.CommitAsync(held.HoldId!, buyer, "c-" + key, OrderFor(held.HoldId!, buyer, sale, quantity)))!;
    }

    private static async Task<string> CodeOf(Func<Task> action) => Assert.IsType<AppException>(await Record.ExceptionAsync(action)).Code;

    [Fact]
    public async Task Reserve_holds_units_and_the_same_key_answers_the_same_hold()
    {
        var sale = NewSale(quantity: 5, limit: 3);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        var first = await inventory.ReserveAsync(sale.Id, "b1", 2, "k1", "s-1");
        Assert.Equal(ReserveOutcome.Held, first.Outcome);
        Assert.Equal(3, first.Remaining);
        Assert.StartsWith(sale.Id + ".h", first.HoldId);
        Assert.True(first.ExpiresAt > DateTimeOffset.UtcNow.AddSeconds(290));

        var again = await inventory.ReserveAsync(sale.Id, "b1", 2, "k1", "s-1");
        Assert.Equal(first.HoldId, again.HoldId);
        Assert.Equal(first.ExpiresAt!.Value.ToUnixTimeMilliseconds(), again.ExpiresAt!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, await CodeOf(() => inventory.ReserveAsync(sale.Id, "b1", 1, "k1", "s-1")));

        var stored = await inventory.GetAsync(sale.Id);
        Assert.Equal((3, 2, 0), (stored!.Stock, stored.Held, stored.Sold));
    }

    [Fact]
    public async Task Per_buyer_limit_counts_held_and_bought_units()
    {
        var sale = NewSale(quantity: 10, limit: 2);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        Assert.Equal(ErrorCodes.InvalidQuantity, await CodeOf(() => inventory.ReserveAsync(sale.Id, "b1", 3, "k0", null)));
        await BuyAsync(inventory, sale, "b1", 1, "k1");
        Assert.Equal(ReserveOutcome.Held, (await inventory.ReserveAsync(sale.Id, "b1", 1, "k2", null)).Outcome);
        Assert.Equal(ReserveOutcome.LimitReached, (await inventory.ReserveAsync(sale.Id, "b1", 1, "k3", null)).Outcome);
        Assert.Equal(ReserveOutcome.Held, (await inventory.ReserveAsync(sale.Id, "b2", 2, "k1", null)).Outcome);
        var stored = await inventory.GetAsync(sale.Id);
        Assert.Equal((6, 3, 1), (stored!.Stock, stored.Held, stored.Sold));
    }

    [Fact]
    public async Task Sold_out_not_live_and_unknown_sales_are_answered_without_changes()
    {
        var inventory = await CreateAsync();
        var sale = NewSale(quantity: 1);
        await WithSaleAsync(inventory, sale);
        Assert.Equal(ReserveOutcome.Held, (await inventory.ReserveAsync(sale.Id, "b1", 1, "k", null)).Outcome);
        var soldOut = await inventory.ReserveAsync(sale.Id, "b2", 1, "k", null);
        Assert.Equal((ReserveOutcome.SoldOut, 0), (soldOut.Outcome, soldOut.Remaining));

        var later = NewSale(starts: DateTimeOffset.UtcNow.AddMinutes(5));
        await WithSaleAsync(inventory, later);
        Assert.Equal(ReserveOutcome.NotLive, (await inventory.ReserveAsync(later.Id, "b1", 1, "k", null)).Outcome);
        Assert.Equal(EditOutcome.Done, await inventory.CancelAsync(later.Id));
        Assert.Equal(10, (await inventory.GetAsync(later.Id))!.Stock);

        var ended = NewSale(starts: DateTimeOffset.UtcNow.AddSeconds(-3), duration: TimeSpan.FromSeconds(1));
        await WithSaleAsync(inventory, ended);
        Assert.Equal(ReserveOutcome.NotLive, (await inventory.ReserveAsync(ended.Id, "b1", 1, "k", null)).Outcome);
        Assert.Equal(ErrorCodes.SaleNotFound, await CodeOf(() => inventory.ReserveAsync("fs-missing", "b1", 1, "k", null)));
    }

    [Fact]
    public async Task A_repeated_key_answers_its_first_hold_even_after_the_sale_sold_out_and_keys_are_per_buyer()
    {
        var sale = NewSale(quantity: 2, limit: 2);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        var first = await inventory.ReserveAsync(sale.Id, "b1", 1, "k", null);
        var other = await inventory.ReserveAsync(sale.Id, "b2", 1, "k", null);
        Assert.Equal(ReserveOutcome.Held, other.Outcome);
        Assert.NotEqual(first.HoldId, other.HoldId);
        Assert.Equal(ReserveOutcome.SoldOut, (await inventory.ReserveAsync(sale.Id, "b3", 1, "k", null)).Outcome);

        var again = await inventory.ReserveAsync(sale.Id, "b1", 1, "k", null);
        Assert.Equal((ReserveOutcome.Held, first.HoldId), (again.Outcome, again.HoldId));
        var stored = await inventory.GetAsync(sale.Id);
        Assert.Equal((0, 2, 0), (stored!.Stock, stored.Held, stored.Sold));
    }

    [Fact]
    public async Task A_repeated_key_answers_its_first_hold_even_after_the_sale_ended()
    {
        var sale = NewSale(quantity: 3, limit: 2, starts: DateTimeOffset.UtcNow.AddSeconds(-1), duration: TimeSpan.FromSeconds(3));
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        var first = await inventory.ReserveAsync(sale.Id, "b1", 1, "k", "s-1");
        Assert.Equal(ReserveOutcome.Held, first.Outcome);

        var wait = sale.EndsAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        Assert.Equal(ReserveOutcome.NotLive, (await inventory.ReserveAsync(sale.Id, "b2", 1, "k", null)).Outcome); // it has ended
        var again = await inventory.ReserveAsync(sale.Id, "b1", 1, "k", "s-1");
        Assert.Equal((ReserveOutcome.Held, first.HoldId, 1), (again.Outcome, again.HoldId, again.Quantity));
        Assert.Equal(first.ExpiresAt!.Value.ToUnixTimeMilliseconds(), again.ExpiresAt!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, await CodeOf(() => inventory.ReserveAsync(sale.Id, "b1", 2, "k", "s-1")));
        var stored = await inventory.GetAsync(sale.Id);
        Assert.Equal((2, 1, 0), (stored!.Stock, stored.Held, stored.Sold));
    }

    [Fact]
    public async Task Less_stock_than_asked_is_sold_out_never_a_partial_hold_and_a_cancelled_sale_is_not_live()
    {
        var sale = NewSale(quantity: 3, limit: 3);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        Assert.Equal(ReserveOutcome.Held, (await inventory.ReserveAsync(sale.Id, "b1", 2, "k1", null)).Outcome);
        var tooMany = await inventory.ReserveAsync(sale.Id, "b2", 2, "k1", null);
        Assert.Equal((ReserveOutcome.SoldOut, 1), (tooMany.Outcome, tooMany.Remaining));
        var stored = await inventory.GetAsync(sale.Id);
        Assert.Equal((1, 2), (stored!.Stock, stored.Held));

        var later = NewSale(starts: DateTimeOffset.UtcNow.AddMinutes(5));
        await WithSaleAsync(inventory, later);
        Assert.Equal(EditOutcome.Done, await inventory.CancelAsync(later.Id));
        Assert.Equal(ReserveOutcome.NotLive, (await inventory.ReserveAsync(later.Id, "b1", 1, "k", null)).Outcome);
        Assert.Equal(0, (await inventory.GetAsync(later.Id))!.Held);
    }

    [Fact]
    public async Task ReserveMany_answers_each_call_in_order_as_if_sent_one_by_one()
    {
        var sale = NewSale(quantity: 3, limit: 2);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);

        var answers = inventory.ReserveMany([
            new(sale.Id, "b1", 2, "k1", "s-1"),
            new(sale.Id, "b1", 1, "k1", "s-1"), // the same key for another quantity: refused, the rest still answered
            new(sale.Id, "b2", 2, "k1", null),
            new("fs-missing", "b3", 1, "k1", null),
            new(sale.Id, "b3", 1, "k1", null),
            new(sale.Id, "b1", 2, "k1", "s-1"), // a retry: the same hold
        ]);

        Assert.Equal(6, answers.Count);
        Assert.Equal((ReserveOutcome.Held, 1), (answers[0].Result!.Outcome, answers[0].Result!.Remaining));
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, Assert.IsType<AppException>(answers[1].Error).Code);
        Assert.Equal((ReserveOutcome.SoldOut, 1), (answers[2].Result!.Outcome, answers[2].Result!.Remaining));
        Assert.Equal(ErrorCodes.SaleNotFound, Assert.IsType<AppException>(answers[3].Error).Code);
        Assert.Equal((ReserveOutcome.Held, 0), (answers[4].Result!.Outcome, answers[4].Result!.Remaining));
        Assert.Equal(answers[0].Result!.HoldId, answers[5].Result!.HoldId);
        var stored = await inventory.GetAsync(sale.Id);
        Assert.Equal((0, 3), (stored!.Stock, stored.Held));
    }

    [Fact]
    public async Task Concurrent_reservations_never_oversell()
    {
        var sale = NewSale(quantity: 50, limit: 1);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            Task.Run(() => inventory.ReserveAsync(sale.Id, $"b{i % 200}", 1, $"k{i}", null))));
        Assert.Equal(50, results.Count(r => r.Outcome == ReserveOutcome.Held));
        Assert.Equal(50, results.Where(r => r.Outcome == ReserveOutcome.Held).Select(r => r.HoldId).Distinct().Count());
        var stored = await inventory.GetAsync(sale.Id);
        Assert.Equal((0, 50), (stored!.Stock, stored.Held));
    }

    [Fact]
    public async Task Checkout_sells_once_per_hold_and_only_for_its_buyer()
    {
        var sale = NewSale(quantity: 3, limit: 2);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        var held = await inventory.ReserveAsync(sale.Id, "b1", 2, "k1", "s-1");
        Assert.Equal(ErrorCodes.NotYourHold, await CodeOf(() => inventory.BeginCheckoutAsync(held.HoldId!, "b2", "c1", Grace)));
        Assert.Equal(ErrorCodes.HoldNotFound, await CodeOf(() => inventory.BeginCheckoutAsync(sale.Id + ".h999", "b1", "c1", Grace)));

        var begin = await inventory.BeginCheckoutAsync(held.HoldId!, "b1", "c1", Grace);
        Assert.Equal((BeginCheckoutOutcome.Pay, 2, "s-1"), (begin.Outcome, begin.Quantity, begin.StreamId));
        Assert.Equal(ErrorCodes.CheckoutInProgress, await CodeOf(() => inventory.BeginCheckoutAsync(held.HoldId!, "b1", "c2", Grace)));
        var order = OrderFor(held.HoldId!, "b1", sale, 2);
        Assert.Equal(order.Id, await inventory.CommitAsync(held.HoldId!, "b1", "c1", order));
        Assert.Equal(order.Id, await inventory.CommitAsync(held.HoldId!, "b1", "c1", order));

        var retry = await inventory.BeginCheckoutAsync(held.HoldId!, "b1", "c1", Grace);
        Assert.Equal((BeginCheckoutOutcome.AlreadySold, order.Id), (retry.Outcome, retry.OrderId));
        Assert.Equal(ErrorCodes.CheckoutReplayed, await CodeOf(() => inventory.BeginCheckoutAsync(held.HoldId!, "b1", "c2", Grace)));
        Assert.Equal(19.98m, (await inventory.GetOrderAsync(sale.Id, order.Id))!.Total);

        var stored = await inventory.GetAsync(sale.Id);
        Assert.Equal((1, 0, 2), (stored!.Stock, stored.Held, stored.Sold));
        Assert.Equal(0, (await inventory.ReleaseAsync(held.HoldId!, "b1")).Units);
    }

    [Fact]
    public async Task Release_returns_units_at_once_and_only_once()
    {
        var sale = NewSale(quantity: 2, limit: 2);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        var held = await inventory.ReserveAsync(sale.Id, "b1", 2, "k1", null);
        Assert.Equal(ErrorCodes.NotYourHold, await CodeOf(() => inventory.ReleaseAsync(held.HoldId!, "b2")));
        var releases = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => inventory.ReleaseAsync(held.HoldId!, "b1"))));
        Assert.Equal(2, releases.Sum(r => r.Units));
        Assert.Equal((2, 0), ((await inventory.GetAsync(sale.Id))!.Stock, (await inventory.GetAsync(sale.Id))!.Held));
        Assert.Equal(BeginCheckoutOutcome.Expired, (await inventory.BeginCheckoutAsync(held.HoldId!, "b1", "c", Grace)).Outcome);
        Assert.Equal(ReserveOutcome.Held, (await inventory.ReserveAsync(sale.Id, "b1", 2, "k2", null)).Outcome);
    }

    [Fact]
    public async Task Expired_holds_return_units_exactly_once_under_concurrent_sweeps()
    {
        var sale = NewSale(quantity: 20, limit: 1, holdSeconds: 1);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        var holds = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => inventory.ReserveAsync(sale.Id, $"b{i}", 1, "k", null)));
        Assert.All(holds, h => Assert.Equal(ReserveOutcome.Held, h.Outcome));
        Assert.Equal(0, (await inventory.SweepExpiredAsync(sale.Id)).Units);

        await Task.Delay(1300);
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => inventory.SweepExpiredAsync(sale.Id))));
        Assert.Equal(20, sweeps.Sum(s => s.Units));
        var stored = await inventory.GetAsync(sale.Id);
        Assert.Equal((20, 0, 0), (stored!.Stock, stored.Held, stored.Sold));
        Assert.Equal(BeginCheckoutOutcome.Expired, (await inventory.BeginCheckoutAsync(holds[0].HoldId!, "b0", "c", Grace)).Outcome);
        Assert.Equal(ReserveOutcome.Held, (await inventory.ReserveAsync(sale.Id, "b0", 1, "k2", null)).Outcome);
    }

    [Fact]
    public async Task A_paying_hold_keeps_its_units_through_the_payment_grace()
    {
        var sale = NewSale(quantity: 1, limit: 1, holdSeconds: 1);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        var held = await inventory.ReserveAsync(sale.Id, "b1", 1, "k", null);
        await inventory.BeginCheckoutAsync(held.HoldId!, "b1", "c", Grace);
        await Task.Delay(1200);
        Assert.Equal(0, (await inventory.SweepExpiredAsync(sale.Id)).Units);
        Assert.NotNull(await inventory.CommitAsync(held.HoldId!, "b1", "c", OrderFor(held.HoldId!, "b1", sale, 1)));
        Assert.Equal(1, (await inventory.GetAsync(sale.Id))!.Sold);
    }

    [Fact]
    public async Task Paying_never_shortens_the_time_a_hold_had_left()
    {
        var sale = NewSale(quantity: 1, limit: 1, holdSeconds: 30);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        var held = await inventory.ReserveAsync(sale.Id, "b1", 1, "k", null);
        Assert.Equal(BeginCheckoutOutcome.Pay, (await inventory.BeginCheckoutAsync(held.HoldId!, "b1", "c", TimeSpan.FromMilliseconds(100))).Outcome);
        await Task.Delay(300);
        Assert.Equal(0, (await inventory.SweepExpiredAsync(sale.Id)).Units);
        Assert.Equal(BeginCheckoutOutcome.Pay, (await inventory.BeginCheckoutAsync(held.HoldId!, "b1", "c", TimeSpan.FromMilliseconds(100))).Outcome);
    }

    [Fact]
    public async Task A_paying_hold_with_a_recorded_intent_is_unsettled_until_sold_or_forgotten()
    {
        var sale = NewSale(quantity: 5, limit: 1);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        var holds = new List<string>();
        foreach (var buyer in new[] { "b1", "b2", "b3" })
        {
            holds.Add((await inventory.ReserveAsync(sale.Id, buyer, 1, "k", null)).HoldId!);
        }

        // Only a hold paying under the key records its intent.
        Assert.False(await inventory.RecordIntentAsync(holds[0], "b1", "c", "pi_1"));
        Assert.Equal(ErrorCodes.NotYourHold, await CodeOf(() => inventory.RecordIntentAsync(holds[0], "b2", "c", "pi_1")));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(BeginCheckoutOutcome.Pay, (await inventory.BeginCheckoutAsync(holds[i], $"b{i + 1}", "c", Grace)).Outcome);
        }

        Assert.False(await inventory.RecordIntentAsync(holds[0], "b1", "other", "pi_1"));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await inventory.RecordIntentAsync(holds[i], $"b{i + 1}", "c", $"pi_{i + 1}"));
        }

        Assert.True(await inventory.RecordIntentAsync(holds[0], "b1", "c", "pi_1"));
        async Task<List<UnsettledPayment>> Unsettled() =>
            [.. (await inventory.UnsettledPaymentsAsync(sale.Id, DateTimeOffset.UtcNow.AddSeconds(5))).OrderBy(p => p.HoldId, StringComparer.Ordinal)];

        Assert.Empty(await inventory.UnsettledPaymentsAsync(sale.Id, DateTimeOffset.UtcNow.AddSeconds(-5)));
        Assert.Equal(
            [new(holds[0], "pi_1", false), new(holds[1], "pi_2", false), new(holds[2], "pi_3", false)],
            await Unsettled());

        // Sold: settled. Released: listed as ended (its units are back) until the reconciler forgets it.
        Assert.NotNull(await inventory.CommitAsync(holds[0], "b1", "c", OrderFor(holds[0], "b1", sale, 1)));
        Assert.Equal(1, (await inventory.ReleaseAsync(holds[1], "b2")).Units);
        Assert.Equal([new(holds[1], "pi_2", true), new(holds[2], "pi_3", false)], await Unsettled());
        await inventory.ForgetPaymentAsync(sale.Id, holds[1]);
        Assert.Equal([new UnsettledPayment(holds[2], "pi_3", false)], await Unsettled());
        Assert.Empty(await inventory.UnsettledPaymentsAsync("fs-unknown", DateTimeOffset.UtcNow.AddSeconds(5)));
        var stored = await inventory.GetAsync(sale.Id);
        Assert.Equal((3, 1, 1), (stored!.Stock, stored.Held, stored.Sold));
    }

    [Fact]
    public async Task A_committed_order_is_listed_as_unlogged_until_it_is_marked_logged()
    {
        var sale = NewSale(quantity: 5, limit: 2);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        var first = await BuyAsync(inventory, sale, "b1", 2, "k1");
        var second = await BuyAsync(inventory, sale, "b2", 1, "k2");
        var soon = DateTimeOffset.UtcNow.AddSeconds(5);

        Assert.Empty(await inventory.UnloggedOrdersAsync(sale.Id, DateTimeOffset.UtcNow.AddMinutes(-1)));
        var unlogged = await inventory.UnloggedOrdersAsync(sale.Id, soon);
        Assert.Equal([first, second], unlogged.Select(o => o.Id));
        Assert.Equal([2, 1], unlogged.Select(o => o.Items.Single().Quantity));
        Assert.Equal([first], (await inventory.UnloggedOrdersAsync(sale.Id, soon, max: 1)).Select(o => o.Id));

        await inventory.MarkLoggedAsync(sale.Id, first);
        Assert.Equal([second], (await inventory.UnloggedOrdersAsync(sale.Id, soon)).Select(o => o.Id));
        await inventory.MarkLoggedAsync(sale.Id, second);
        Assert.Empty(await inventory.UnloggedOrdersAsync(sale.Id, soon));
        Assert.Empty(await inventory.UnloggedOrdersAsync("fs-unknown", soon));
    }

    [Fact]
    public async Task Quantity_grows_or_cuts_down_to_sold_plus_held()
    {
        var sale = NewSale(quantity: 5, limit: 2);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        await BuyAsync(inventory, sale, "b1", 2, "k");
        await inventory.ReserveAsync(sale.Id, "b2", 1, "k", null);
        Assert.Equal(ErrorCodes.QuantityBelowCommitted, await CodeOf(() => inventory.ChangeQuantityAsync(sale.Id, 2)));
        Assert.Equal(0, (await inventory.ChangeQuantityAsync(sale.Id, 3)).Stock);
        Assert.Equal(7, (await inventory.ChangeQuantityAsync(sale.Id, 10)).Stock);
        var stored = await inventory.GetAsync(sale.Id);
        Assert.Equal((10, 7, 1, 2), (stored!.Quantity, stored.Stock, stored.Held, stored.Sold));
    }

    [Fact]
    public async Task Waitlist_is_first_in_first_out_and_released_units_go_to_it_first()
    {
        var sale = NewSale(quantity: 2, limit: 1);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        Assert.Equal(ErrorCodes.NotSoldOut, await CodeOf(() => inventory.JoinWaitlistAsync(sale.Id, "w1", null)));
        var a = await inventory.ReserveAsync(sale.Id, "a", 1, "k", null);
        var b = await inventory.ReserveAsync(sale.Id, "b", 1, "k", null);
        Assert.Equal(ErrorCodes.LimitReached, await CodeOf(() => inventory.JoinWaitlistAsync(sale.Id, "a", null)));
        Assert.Equal(1, await inventory.JoinWaitlistAsync(sale.Id, "w1", "s-1"));
        Assert.Equal(2, await inventory.JoinWaitlistAsync(sale.Id, "w2", null));
        Assert.Equal(3, await inventory.JoinWaitlistAsync(sale.Id, "w3", null));
        Assert.Equal(1, await inventory.JoinWaitlistAsync(sale.Id, "w1", null));

        var first = await inventory.ReleaseAsync(a.HoldId!, "a");
        var grant = Assert.Single(first.Grants);
        Assert.Equal(("w1", 0), (grant.BuyerId, first.Stock));
        Assert.Equal(ReserveOutcome.SoldOut, (await inventory.ReserveAsync(sale.Id, "x", 1, "k", null)).Outcome);
        var begin = await inventory.BeginCheckoutAsync(grant.HoldId, "w1", "c", Grace);
        Assert.Equal((BeginCheckoutOutcome.Pay, "s-1"), (begin.Outcome, begin.StreamId));

        Assert.Equal("w2", Assert.Single((await inventory.ReleaseAsync(b.HoldId!, "b")).Grants).BuyerId);
        Assert.Equal("w3", Assert.Single((await inventory.ChangeQuantityAsync(sale.Id, 3)).Grants).BuyerId);
        var stored = await inventory.GetAsync(sale.Id);
        Assert.Equal((0, 3), (stored!.Stock, stored.Held));
    }

    [Fact]
    public async Task Only_a_scheduled_sale_is_edited_cancelled_or_launched()
    {
        var inventory = await CreateAsync();
        var sale = NewSale(starts: DateTimeOffset.UtcNow.AddMinutes(10));
        await WithSaleAsync(inventory, sale);
        Assert.False(await inventory.CreateAsync(sale));
        Assert.Equal(EditOutcome.Done, await inventory.UpdateBeforeStartAsync(sale with { Title = "Renamed", Quantity = 7 }));
        var edited = await inventory.GetAsync(sale.Id);
        Assert.Equal(("Renamed", 7, 7, SaleStatus.Scheduled), (edited!.Title, edited.Quantity, edited.Stock, edited.StatusAt(DateTimeOffset.UtcNow)));

        var window = await inventory.LaunchAsync(sale.Id, TimeSpan.FromMinutes(2));
        Assert.NotNull(window);
        Assert.Equal(TimeSpan.FromMinutes(2), window.Value.EndsAt - window.Value.StartsAt);
        Assert.Null(await inventory.LaunchAsync(sale.Id, TimeSpan.FromMinutes(2)));
        Assert.Equal(ReserveOutcome.Held, (await inventory.ReserveAsync(sale.Id, "b1", 1, "k", null)).Outcome);
        Assert.Equal(EditOutcome.NotEditable, await inventory.UpdateBeforeStartAsync(sale));
        Assert.Equal(EditOutcome.NotEditable, await inventory.CancelAsync(sale.Id));
        Assert.Equal(EditOutcome.NotFound, await inventory.CancelAsync("fs-missing"));
        Assert.Contains(sale.Id, (await inventory.ListForStreamAsync("s-1")).Select(s => s.Id));
    }

    [Fact]
    public async Task Regular_sale_is_live_at_once_and_never_ends()
    {
        var inventory = await CreateAsync();
        var sale = NewSale(quantity: 3) with { Kind = SaleKind.Regular, StartsAt = DateTimeOffset.UtcNow, EndsAt = null };
        await WithSaleAsync(inventory, sale);
        Assert.Equal(ReserveOutcome.Held, (await inventory.ReserveAsync(sale.Id, "b1", 1, "k", null)).Outcome);
        var stored = await inventory.GetAsync(sale.Id);
        Assert.Null(stored!.EndsAt);
        Assert.Equal(SaleStatus.Live, stored.StatusAt(DateTimeOffset.UtcNow.AddYears(1)));
    }

    [Fact]
    public async Task A_refund_is_claimed_by_one_caller_and_then_reads_as_refunded()
    {
        var sale = NewSale(quantity: 5, limit: 5);
        var inventory = await WithSaleAsync(await CreateAsync(), sale);
        var orderId = await BuyAsync(inventory, sale, "b1", 1, "k1");
        var other = await BuyAsync(inventory, sale, "b2", 1, "k2");
        Assert.Equal(RefundStart.NotFound, (await inventory.BeginRefundAsync(sale.Id, sale.Id + ".o999", "t0", TimeSpan.FromMinutes(1))).Outcome);

        // Many callers at once: exactly one goes; the rest see it in progress.
        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => inventory.BeginRefundAsync(sale.Id, orderId, $"t{i}", TimeSpan.FromMinutes(1))));
        Assert.Single(claims, c => c.Outcome == RefundStart.Go);
        Assert.All(claims.Where(c => c.Outcome != RefundStart.Go), c => Assert.Equal(RefundStart.InProgress, c.Outcome));
        var winner = $"t{Array.FindIndex(claims, c => c.Outcome == RefundStart.Go)}";
        Assert.Null(await inventory.EndRefundAsync(sale.Id, orderId, "not-the-winner", refunded: true)); // only the claim's holder ends it
        var at = await inventory.EndRefundAsync(sale.Id, orderId, winner, refunded: true);
        Assert.NotNull(at);

        var again = await inventory.BeginRefundAsync(sale.Id, orderId, "t-late", TimeSpan.FromMinutes(1));
        Assert.Equal(RefundStart.AlreadyRefunded, again.Outcome);
        Assert.Equal(at!.Value.ToUnixTimeMilliseconds(), again.RefundedAt!.Value.ToUnixTimeMilliseconds());
        var refunds = await inventory.RefundsAsync(sale.Id, [orderId, other]);
        Assert.Equal([orderId], refunds.Keys);

        // A claim given back (the provider failed) may be taken again at once; a lapsed one too.
        Assert.Equal(RefundStart.Go, (await inventory.BeginRefundAsync(sale.Id, other, "a", TimeSpan.FromMinutes(1))).Outcome);
        Assert.Null(await inventory.EndRefundAsync(sale.Id, other, "a", refunded: false));
        Assert.Equal(RefundStart.Go, (await inventory.BeginRefundAsync(sale.Id, other, "b", TimeSpan.FromMilliseconds(1))).Outcome);
        await Task.Delay(20); // the lease runs out on the store's clock
        Assert.Equal(RefundStart.Go, (await inventory.BeginRefundAsync(sale.Id, other, "c", TimeSpan.FromMinutes(1))).Outcome);
        Assert.Null(await inventory.EndRefundAsync(sale.Id, other, "b", refunded: true)); // the lapsed holder lost it
        Assert.Empty(await inventory.RefundsAsync(sale.Id, [other]));
    }

    [Fact]
    public async Task Only_a_regular_sale_is_repriced_and_its_stock_stays()
    {
        var inventory = await CreateAsync();
        var regular = NewSale(quantity: 4, limit: 4) with { Kind = SaleKind.Regular, StartsAt = DateTimeOffset.UtcNow, EndsAt = null };
        await WithSaleAsync(inventory, regular);
        await inventory.ReserveAsync(regular.Id, "b1", 1, "k", null);
        Assert.True(await inventory.RepriceRegularAsync(regular with { Price = 12.5m, Title = "New title" }));
        var stored = (await inventory.GetAsync(regular.Id))!;
        Assert.Equal((12.5m, "New title", 3, 1, 4), (stored.Price, stored.Title, stored.Stock, stored.Held, stored.Quantity));

        var flash = NewSale();
        await WithSaleAsync(inventory, flash);
        Assert.False(await inventory.RepriceRegularAsync(flash with { Price = 1m }));
        Assert.Equal(9.99m, (await inventory.GetAsync(flash.Id))!.Price);
        Assert.False(await inventory.RepriceRegularAsync(regular with { Id = "fs-missing" }));
    }
}

public abstract class SaleScheduleContract
{
    protected abstract Task<ISaleSchedule> CreateAsync();

    [Fact]
    public async Task Due_items_are_claimed_exactly_once_and_moved_items_wait()
    {
        var schedule = await CreateAsync();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 30; i++)
        {
            await schedule.ScheduleAsync($"fs-{i}", SaleEdge.Start, now.AddSeconds(-1));
        }

        await schedule.ScheduleAsync("fs-later", SaleEdge.Start, now.AddSeconds(-1));
        await schedule.ScheduleAsync("fs-later", SaleEdge.Start, now.AddMinutes(5));
        await schedule.ScheduleAsync("fs-gone", SaleEdge.End, now.AddSeconds(-1));
        await schedule.UnscheduleAsync("fs-gone");

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => schedule.ClaimDueAsync(5))));
        var rest = await schedule.ClaimDueAsync(100);
        var all = claims.SelectMany(c => c).Concat(rest).ToList();
        Assert.Equal(30, all.Count);
        Assert.Equal(30, all.Distinct().Count());
        Assert.DoesNotContain(all, c => c.SaleId is "fs-later" or "fs-gone");
    }

    [Fact]
    public async Task Tracked_sales_are_listed_until_their_time()
    {
        var schedule = await CreateAsync();
        await schedule.TrackAsync("fs-a", DateTimeOffset.UtcNow.AddMinutes(1));
        await schedule.TrackAsync("fs-b", DateTimeOffset.UtcNow.AddSeconds(-1));
        var tracked = await schedule.TrackedAsync();
        Assert.Contains("fs-a", tracked);
        Assert.DoesNotContain("fs-b", tracked);
    }
}

public sealed class LocalFlashSaleInventoryTests : FlashSaleInventoryContract
{
    protected override Task<IFlashSaleInventory> CreateAsync() => Task.FromResult<IFlashSaleInventory>(new LocalFlashSaleInventory(TimeProvider.System));
}

public sealed class RedisFlashSaleInventoryTests : FlashSaleInventoryContract
{
    protected override async Task<IFlashSaleInventory> CreateAsync() =>
        new RedisFlashSaleInventory(await SharedRedis.ConnectionAsync(), new RedisKeys(SharedRedis.UniquePrefix()));

    [Fact]
    public async Task A_batch_of_reserves_still_runs_after_redis_forgets_the_script()
    {
        // The batch goes by SHA1 (RedisScript.EvaluateMany); a restarted or failed-over Redis has none cached.
        var redis = await SharedRedis.ConnectionAsync();
        var inventory = new RedisFlashSaleInventory(redis, new RedisKeys(SharedRedis.UniquePrefix()));
        var sale = NewSale(quantity: 5);
        Assert.True(await inventory.CreateAsync(sale));

        await redis.GetDatabase().ExecuteAsync("SCRIPT", "FLUSH");

        var answers = inventory.ReserveMany([new(sale.Id, "b1", 1, "k", null), new(sale.Id, "b2", 1, "k", null)]);
        Assert.Equal([ReserveOutcome.Held, ReserveOutcome.Held], answers.Select(a => a.Result?.Outcome));
        Assert.Equal(3, (await inventory.GetAsync(sale.Id))!.Stock);
    }
}

public sealed class LocalSaleScheduleTests : SaleScheduleContract
{
    protected override Task<ISaleSchedule> CreateAsync() => Task.FromResult<ISaleSchedule>(new LocalSaleSchedule(TimeProvider.System));
}

public sealed class RedisSaleScheduleTests : SaleScheduleContract
{
    protected override async Task<ISaleSchedule> CreateAsync() =>
        new RedisSaleSchedule(await SharedRedis.ConnectionAsync(), new RedisKeys(SharedRedis.UniquePrefix()));
}
