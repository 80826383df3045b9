using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.FlashSales;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>In-process twin of the Redis inventory: one lock per sale stands in for the Lua script's atomicity.</summary>
public sealed class LocalFlashSaleInventory(TimeProvider clock) : IFlashSaleInventory
{
    private readonly ConcurrentDictionary<string, SaleState> _sales = new();

    private DateTimeOffset Now => clock.GetUtcNow();

    public Task<bool> CreateAsync(FlashSale sale, CancellationToken ct = default)
    {
        var stored = sale with { Stock = sale.Quantity, Sold = 0, Held = 0, Cancelled = false };
        if (sale.Kind == SaleKind.Regular)
        {
            stored = stored with { StartsAt = Now, EndsAt = null };
        }

        return Task.FromResult(_sales.TryAdd(sale.Id, new SaleState(stored)));
    }

    public Task<FlashSale?> GetAsync(string saleId, CancellationToken ct = default)
    {
        if (!_sales.TryGetValue(saleId, out var s))
        {
            return Task.FromResult<FlashSale?>(null);
        }

        lock (s)
        {
            return Task.FromResult<FlashSale?>(s.Sale);
        }
    }

    public async Task<IReadOnlyList<FlashSale>> ListForStreamAsync(string streamId, CancellationToken ct = default)
    {
        var list = new List<FlashSale>();
        foreach (var id in _sales.Keys)
        {
            if (await GetAsync(id, ct) is { } sale && sale.StreamIds.Contains(streamId))
            {
                list.Add(sale);
            }
        }

        return list.OrderBy(s => s.StartsAt).ToList();
    }

    public Task<EditOutcome> UpdateBeforeStartAsync(FlashSale sale, CancellationToken ct = default) =>
        Task.FromResult(Locked<EditOutcome?>(sale.Id, s =>
        {
            if (s.Sale.Cancelled || Now >= s.Sale.StartsAt)
            {
                return EditOutcome.NotEditable;
            }

            var committed = s.Sale.Sold + s.Sale.Held;
            s.Sale = sale with { Stock = sale.Quantity - committed, Sold = s.Sale.Sold, Held = s.Sale.Held, Cancelled = false };
            return EditOutcome.Done;
        }) ?? EditOutcome.NotFound);

    public Task<EditOutcome> CancelAsync(string saleId, CancellationToken ct = default) =>
        Task.FromResult(Locked<EditOutcome?>(saleId, s =>
        {
            if (s.Sale.Cancelled || Now >= s.Sale.StartsAt)
            {
                return EditOutcome.NotEditable;
            }

            s.Sale = s.Sale with { Cancelled = true };
            return EditOutcome.Done;
        }) ?? EditOutcome.NotFound);

    public Task<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)?> LaunchAsync(string saleId, TimeSpan duration, CancellationToken ct = default) =>
        Task.FromResult(Locked<(DateTimeOffset, DateTimeOffset)?>(saleId, s =>
        {
            var now = Now;
            if (s.Sale.Cancelled || now >= s.Sale.StartsAt)
            {
                return null;
            }

            s.Sale = s.Sale with { StartsAt = now, EndsAt = now + duration };
            return (now, now + duration);
        }));

    public Task<StockReturn> ChangeQuantityAsync(string saleId, int quantity, CancellationToken ct = default) =>
        Task.FromResult(Required(saleId, s =>
        {
            var now = Now;
            if (s.Sale.Cancelled)
            {
                throw FlashSaleErrors.From(ErrorCodes.SaleNotEditable);
            }

            if (s.Sale.EndsAt is { } end && now >= end)
            {
                throw FlashSaleErrors.From(ErrorCodes.SaleEnded);
            }

            var committed = s.Sale.Sold + s.Sale.Held;
            if (quantity < committed)
            {
                throw FlashSaleErrors.From(ErrorCodes.QuantityBelowCommitted);
            }

            s.Sale = s.Sale with { Quantity = quantity, Stock = quantity - committed };
            var grants = s.Handoff(now);
            return new StockReturn(0, s.Sale.Stock, grants);
        }));

    public IReadOnlyList<ReserveAnswer> ReserveMany(IReadOnlyList<ReserveRequest> requests) =>
        requests.Select(r => ReserveAnswer.Of(() => Reserve(r.SaleId, r.BuyerId, r.Quantity, r.IdempotencyKey, r.StreamId))).ToList();

    private ReserveResult Reserve(string saleId, string buyerId, int quantity, string idempotencyKey, string? streamId) =>
        Required(saleId, s =>
        {
            if (s.Idempotency.TryGetValue((buyerId, idempotencyKey), out var existingId))
            {
                var existing = s.Holds[existingId];
                return existing.Quantity != quantity
                    ? throw FlashSaleErrors.From(ErrorCodes.IdempotencyKeyReused)
                    : new ReserveResult(ReserveOutcome.Held, existingId, existing.ExpiresAt, existing.Quantity, s.Sale.Stock);
            }

            var now = Now;
            if (!s.IsLive(now))
            {
                return new ReserveResult(ReserveOutcome.NotLive, null, null, quantity, null);
            }

            if (quantity > s.Sale.PerBuyerLimit)
            {
                throw FlashSaleErrors.From(ErrorCodes.InvalidQuantity);
            }

            if (s.UnitsOf(buyerId) + quantity > s.Sale.PerBuyerLimit)
            {
                return new ReserveResult(ReserveOutcome.LimitReached, null, null, quantity, null);
            }

            if (s.Sale.Stock < quantity)
            {
                return new ReserveResult(ReserveOutcome.SoldOut, null, null, quantity, s.Sale.Stock);
            }

            var hold = s.NewHold(buyerId, quantity, idempotencyKey, streamId, now);
            s.Idempotency[(buyerId, idempotencyKey)] = hold.Id;
            return new ReserveResult(ReserveOutcome.Held, hold.Id, hold.ExpiresAt, quantity, s.Sale.Stock);
        });

    public Task<BeginCheckout> BeginCheckoutAsync(string holdId, string buyerId, string checkoutKey, TimeSpan grace, CancellationToken ct = default) =>
        Task.FromResult(OnHold(holdId, buyerId, (s, h) =>
        {
            if (h.State == HoldState.Sold)
            {
                return h.CheckoutKey == checkoutKey
                    ? new BeginCheckout(BeginCheckoutOutcome.AlreadySold, 0, null, h.OrderId)
                    : throw FlashSaleErrors.From(ErrorCodes.CheckoutReplayed);
            }

            if (h.State is not (HoldState.Held or HoldState.Paying))
            {
                return new BeginCheckout(BeginCheckoutOutcome.Expired, 0, null, null);
            }

            if (h.State == HoldState.Paying && h.CheckoutKey != checkoutKey)
            {
                throw FlashSaleErrors.From(ErrorCodes.CheckoutInProgress);
            }

            var now = Now;
            if (h.ExpiresAt <= now)
            {
                return new BeginCheckout(BeginCheckoutOutcome.Expired, 0, null, null);
            }

            h.State = HoldState.Paying;
            h.CheckoutKey = checkoutKey;
            // The payment has at least the grace, and never less time than the hold had left (the buyer is typing a card).
            h.ExpiresAt = h.ExpiresAt > now + grace ? h.ExpiresAt : now + grace;
            return new BeginCheckout(BeginCheckoutOutcome.Pay, h.Quantity, h.StreamId, null);
        }));

    public Task<string?> CommitAsync(string holdId, string buyerId, string checkoutKey, OrderDto order, CancellationToken ct = default) =>
        Task.FromResult(OnHold(holdId, buyerId, (s, h) =>
        {
            if (h.State == HoldState.Sold)
            {
                return h.CheckoutKey == checkoutKey ? h.OrderId : throw FlashSaleErrors.From(ErrorCodes.CheckoutReplayed);
            }

            if (h.State != HoldState.Paying || h.CheckoutKey != checkoutKey)
            {
                return null;
            }

            s.Sale = s.Sale with { Held = s.Sale.Held - h.Quantity, Sold = s.Sale.Sold + h.Quantity };
            h.State = HoldState.Sold;
            h.OrderId = order.Id;
            s.Orders[order.Id] = order;
            s.Unlogged.Add(order.Id);
            return order.Id;
        }));

    public Task<OrderDto?> GetOrderAsync(string saleId, string orderId, CancellationToken ct = default) =>
        Task.FromResult(Locked(saleId, s => s.Orders.GetValueOrDefault(orderId)));

    public Task<IReadOnlyList<OrderDto>> UnloggedOrdersAsync(string saleId, DateTimeOffset before, int max = 100, CancellationToken ct = default) =>
        Task.FromResult(Locked(saleId, s => (IReadOnlyList<OrderDto>)s.Unlogged.Select(id => s.Orders[id])
            .Where(o => o.CreatedAt < before)
            .OrderBy(o => o.CreatedAt.ToUnixTimeMilliseconds()).ThenBy(o => o.Id, StringComparer.Ordinal) // as Redis orders its scores
            .Take(max).ToList()) ?? []);

    public Task MarkLoggedAsync(string saleId, string orderId, CancellationToken ct = default)
    {
        Locked(saleId, s => s.Unlogged.Remove(orderId));
        return Task.CompletedTask;
    }

    public Task<bool> RecordIntentAsync(string holdId, string buyerId, string checkoutKey, string intentId, CancellationToken ct = default) =>
        Task.FromResult(OnHold(holdId, buyerId, (s, h) =>
        {
            if (h.State != HoldState.Paying || h.CheckoutKey != checkoutKey)
            {
                return false;
            }

            h.IntentId = intentId;
            h.IntentRecordedAt ??= Now;
            return true;
        }));

    public Task<IReadOnlyList<UnsettledPayment>> UnsettledPaymentsAsync(string saleId, DateTimeOffset before, int max = 100, CancellationToken ct = default) =>
        Task.FromResult(Locked(saleId, s => (IReadOnlyList<UnsettledPayment>)s.Holds.Values
            .Where(h => h is { IntentId: not null, IntentRecordedAt: { } at, PaymentForgotten: false } && h.State != HoldState.Sold && at < before)
            .OrderBy(h => h.IntentRecordedAt!.Value.ToUnixTimeMilliseconds()).ThenBy(h => h.Id, StringComparer.Ordinal)
            .Take(max)
            .Select(h => new UnsettledPayment(h.Id, h.IntentId!, h.State != HoldState.Paying))
            .ToList()) ?? []);

    public Task ForgetPaymentAsync(string saleId, string holdId, CancellationToken ct = default)
    {
        Locked(saleId, s => s.Holds.TryGetValue(holdId, out var h) ? h.PaymentForgotten = true : false);
        return Task.CompletedTask;
    }

    public Task<StockReturn> ReleaseAsync(string holdId, string buyerId, CancellationToken ct = default) =>
        Task.FromResult(OnHold(holdId, buyerId, (s, h) =>
        {
            if (h.State is not (HoldState.Held or HoldState.Paying))
            {
                return new StockReturn(0, s.Sale.Stock, []);
            }

            s.ReturnUnits(h, HoldState.Released);
            var grants = s.Handoff(Now);
            return new StockReturn(h.Quantity, s.Sale.Stock, grants);
        }));

    public Task<StockReturn> SweepExpiredAsync(string saleId, int max = 200, CancellationToken ct = default) =>
        Task.FromResult(Locked(saleId, s =>
        {
            var now = Now;
            var units = 0;
            foreach (var h in s.Holds.Values.Where(h => h.State is HoldState.Held or HoldState.Paying && h.ExpiresAt <= now).OrderBy(h => h.ExpiresAt).Take(max).ToList())
            {
                s.ReturnUnits(h, HoldState.Expired);
                units += h.Quantity;
            }

            var grants = units > 0 ? s.Handoff(now) : [];
            return new StockReturn(units, s.Sale.Stock, grants);
        }) ?? new StockReturn(0, 0, []));

    public Task<int> JoinWaitlistAsync(string saleId, string buyerId, string? streamId, CancellationToken ct = default) =>
        Task.FromResult(Required(saleId, s =>
        {
            if (!s.IsLive(Now))
            {
                throw FlashSaleErrors.From(ErrorCodes.SaleNotLive);
            }

            if (s.Sale.Stock > 0)
            {
                throw FlashSaleErrors.From(ErrorCodes.NotSoldOut);
            }

            if (s.UnitsOf(buyerId) >= s.Sale.PerBuyerLimit)
            {
                throw FlashSaleErrors.From(ErrorCodes.LimitReached);
            }

            var index = s.Waitlist.FindIndex(w => w.BuyerId == buyerId);
            if (index >= 0)
            {
                return index + 1;
            }

            s.Waitlist.Add((buyerId, streamId));
            return s.Waitlist.Count;
        }));

    public Task<bool> TryClaimStockPushAsync(string saleId, TimeSpan interval, CancellationToken ct = default)
    {
        var now = Now;
        var s = _sales.GetValueOrDefault(saleId);
        if (s is null)
        {
            return Task.FromResult(false);
        }

        lock (s)
        {
            if (now < s.PushClaimedUntil)
            {
                return Task.FromResult(false);
            }

            s.PushClaimedUntil = now + interval;
            return Task.FromResult(true);
        }
    }

    public Task<bool> RepriceRegularAsync(FlashSale sale, CancellationToken ct = default) =>
        Task.FromResult(Locked(sale.Id, s =>
        {
            if (s.Sale.Kind != SaleKind.Regular)
            {
                return false;
            }

            s.Sale = s.Sale with { Title = sale.Title, Price = sale.Price, Currency = sale.Currency };
            return true;
        }));

    public Task<RefundClaim> BeginRefundAsync(string saleId, string orderId, string token, TimeSpan lease, CancellationToken ct = default) =>
        Task.FromResult(Locked(saleId, s =>
        {
            if (!s.Orders.ContainsKey(orderId))
            {
                return new RefundClaim(RefundStart.NotFound, null);
            }

            var now = Now;
            if (s.Refunds.TryGetValue(orderId, out var cur))
            {
                if (cur.Done)
                {
                    return new RefundClaim(RefundStart.AlreadyRefunded, cur.At);
                }

                if (cur.At > now)
                {
                    return new RefundClaim(RefundStart.InProgress, null);
                }
            }

            s.Refunds[orderId] = (false, token, now + lease);
            return new RefundClaim(RefundStart.Go, null);
        }) ?? new RefundClaim(RefundStart.NotFound, null));

    public Task<DateTimeOffset?> EndRefundAsync(string saleId, string orderId, string token, bool refunded, CancellationToken ct = default) =>
        Task.FromResult(Locked<DateTimeOffset?>(saleId, s =>
        {
            if (!s.Refunds.TryGetValue(orderId, out var cur) || cur.Done || cur.Token != token)
            {
                return null;
            }

            if (!refunded)
            {
                s.Refunds.Remove(orderId);
                return null;
            }

            var at = Now;
            s.Refunds[orderId] = (true, token, at);
            return at;
        }));

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> RefundsAsync(string saleId, IReadOnlyList<string> orderIds, CancellationToken ct = default) =>
        Task.FromResult(Locked<IReadOnlyDictionary<string, DateTimeOffset>>(saleId, s => orderIds
            .Where(id => s.Refunds.TryGetValue(id, out var r) && r.Done)
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => s.Refunds[id].At, StringComparer.Ordinal))
            ?? new Dictionary<string, DateTimeOffset>());

    private T? Locked<T>(string saleId, Func<SaleState, T> action)
    {
        if (!_sales.TryGetValue(saleId, out var s))
        {
            return default;
        }

        lock (s)
        {
            return action(s);
        }
    }

    private T Required<T>(string saleId, Func<SaleState, T> action)
    {
        if (!_sales.TryGetValue(saleId, out var s))
        {
            throw FlashSaleErrors.From(ErrorCodes.SaleNotFound);
        }

        lock (s)
        {
            return action(s);
        }
    }

    private T OnHold<T>(string holdId, string buyerId, Func<SaleState, Hold, T> action)
    {
        if (HoldIds.SaleOf(holdId) is not { } saleId || !_sales.TryGetValue(saleId, out var s))
        {
            throw FlashSaleErrors.From(ErrorCodes.HoldNotFound);
        }

        lock (s)
        {
            if (!s.Holds.TryGetValue(holdId, out var h))
            {
                throw FlashSaleErrors.From(ErrorCodes.HoldNotFound);
            }

            return h.BuyerId != buyerId ? throw FlashSaleErrors.From(ErrorCodes.NotYourHold) : action(s, h);
        }
    }

    private enum HoldState
    {
        Held,
        Paying,
        Sold,
        Expired,
        Released,
    }

    private sealed class Hold(string id, string buyerId, int quantity, string? streamId, DateTimeOffset expiresAt)
    {
        public string Id { get; } = id;

        public string BuyerId { get; } = buyerId;

        public int Quantity { get; } = quantity;

        public string? StreamId { get; } = streamId;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public HoldState State { get; set; }

        public string? CheckoutKey { get; set; }

        public string? OrderId { get; set; }

        /// <summary>The payment intent checkout made for it, and when it was recorded (for the payment reconciler).</summary>
        public string? IntentId { get; set; }

        public DateTimeOffset? IntentRecordedAt { get; set; }

        public bool PaymentForgotten { get; set; }
    }

    private sealed class SaleState(FlashSale sale)
    {
        private long _nextHold;

        public FlashSale Sale { get; set; } = sale;

        public Dictionary<string, Hold> Holds { get; } = [];

        public Dictionary<string, int> Units { get; } = [];

        public Dictionary<(string, string), string> Idempotency { get; } = [];

        public List<(string BuyerId, string? StreamId)> Waitlist { get; } = [];

        public Dictionary<string, OrderDto> Orders { get; } = [];

        /// <summary>Refund claims: done (At = when refunded) or pending under Token until At.</summary>
        public Dictionary<string, (bool Done, string Token, DateTimeOffset At)> Refunds { get; } = [];

        /// <summary>Ids of committed orders not yet marked logged.</summary>
        public HashSet<string> Unlogged { get; } = [];

        public DateTimeOffset PushClaimedUntil { get; set; }

        public bool IsLive(DateTimeOffset now) => !Sale.Cancelled && now >= Sale.StartsAt && (Sale.EndsAt is not { } end || now < end);

        public int UnitsOf(string buyerId) => Units.GetValueOrDefault(buyerId);

        public Hold NewHold(string buyerId, int quantity, string? key, string? streamId, DateTimeOffset now)
        {
            var hold = new Hold($"{Sale.Id}.h{++_nextHold}", buyerId, quantity, streamId, now + TimeSpan.FromSeconds(Sale.HoldSeconds));
            Holds[hold.Id] = hold;
            Units[buyerId] = UnitsOf(buyerId) + quantity;
            Sale = Sale with { Stock = Sale.Stock - quantity, Held = Sale.Held + quantity };
            return hold;
        }

        public void ReturnUnits(Hold h, HoldState state)
        {
            Sale = Sale with { Stock = Sale.Stock + h.Quantity, Held = Sale.Held - h.Quantity };
            var left = UnitsOf(h.BuyerId) - h.Quantity;
            if (left <= 0)
            {
                Units.Remove(h.BuyerId);
            }
            else
            {
                Units[h.BuyerId] = left;
            }

            h.State = state;
        }

        public List<HoldGrant> Handoff(DateTimeOffset now)
        {
            var grants = new List<HoldGrant>();
            if (!IsLive(now))
            {
                return grants;
            }

            while (Sale.Stock > 0 && Waitlist.Count > 0)
            {
                var (buyer, stream) = Waitlist[0];
                Waitlist.RemoveAt(0);
                if (UnitsOf(buyer) < Sale.PerBuyerLimit)
                {
                    var hold = NewHold(buyer, 1, null, stream, now);
                    grants.Add(new HoldGrant(Sale.Id, buyer, hold.Id, 1, hold.ExpiresAt));
                }
            }

            return grants;
        }
    }
}

/// <summary>In-process due queue and sweep set.</summary>
public sealed class LocalSaleSchedule(TimeProvider clock) : ISaleSchedule
{
    private readonly Dictionary<(string, SaleEdge), DateTimeOffset> _due = [];
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tracked = new();

    public Task ScheduleAsync(string saleId, SaleEdge edge, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (_due)
        {
            _due[(saleId, edge)] = at;
        }

        return Task.CompletedTask;
    }

    public Task UnscheduleAsync(string saleId, CancellationToken ct = default)
    {
        lock (_due)
        {
            _due.Remove((saleId, SaleEdge.Start));
            _due.Remove((saleId, SaleEdge.End));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string SaleId, SaleEdge Edge)>> ClaimDueAsync(int max, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        lock (_due)
        {
            var due = _due.Where(d => d.Value <= now).OrderBy(d => d.Value).Take(max).Select(d => d.Key).ToList();
            foreach (var d in due)
            {
                _due.Remove(d);
            }

            return Task.FromResult<IReadOnlyList<(string, SaleEdge)>>(due);
        }
    }

    public Task TrackAsync(string saleId, DateTimeOffset until, CancellationToken ct = default)
    {
        _tracked[saleId] = until;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> TrackedAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        foreach (var (id, until) in _tracked)
        {
            if (until <= now)
            {
                _tracked.TryRemove(id, out _);
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(_tracked.Keys.ToList());
    }
}
