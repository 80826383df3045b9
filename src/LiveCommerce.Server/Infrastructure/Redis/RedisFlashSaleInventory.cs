using System.Globalization;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>Flash-sale inventory in Redis: every change is one Lua script on the sale's slot (Scripts/flash_*.lua).</summary>
public sealed class RedisFlashSaleInventory(IConnectionMultiplexer redis, RedisKeys keys) : IFlashSaleInventory
{
    /// <summary>"Never ends" for Regular sales: far enough, and exact as a Lua number.</summary>
    private const long Forever = 253402300799000;

    private IDatabase Db => redis.GetDatabase();

    public async Task<bool> CreateAsync(FlashSale sale, CancellationToken ct = default)
    {
        var created = (int)await RedisScripts.FlashCreate.EvaluateAsync(Db, keys.Sale(sale.Id),
        [
            StoredJson.Write(sale), sale.Kind.ToString(), sale.Quantity, sale.PerBuyerLimit, sale.HoldSeconds * 1000L,
            sale.Kind == SaleKind.Regular ? "now" : sale.StartsAt.ToUnixTimeMilliseconds(), sale.EndsAt?.ToUnixTimeMilliseconds() ?? Forever,
        ]);
        if (created == 1)
        {
            await Task.WhenAll(sale.StreamIds.Select(s => Db.SetAddAsync(keys.StreamSales(s), sale.Id)));
        }

        return created == 1;
    }

    public async Task<FlashSale?> GetAsync(string saleId, CancellationToken ct = default) =>
        Read(await Db.HashGetAllAsync(keys.Sale(saleId)[0]));

    public async Task<IReadOnlyList<FlashSale>> ListForStreamAsync(string streamId, CancellationToken ct = default)
    {
        var ids = await Db.SetMembersAsync(keys.StreamSales(streamId));
        var sales = await Task.WhenAll(ids.Select(id => GetAsync(id!, ct)));
        return sales.Where(s => s is not null && s.StreamIds.Contains(streamId)).Select(s => s!).OrderBy(s => s.StartsAt).ToList();
    }

    public async Task<EditOutcome> UpdateBeforeStartAsync(FlashSale sale, CancellationToken ct = default)
    {
        var before = await GetAsync(sale.Id, ct);
        var result = (int)await RedisScripts.FlashUpdate.EvaluateAsync(Db, keys.Sale(sale.Id),
        [
            StoredJson.Write(sale), sale.Quantity, sale.PerBuyerLimit, sale.HoldSeconds * 1000L,
            sale.StartsAt.ToUnixTimeMilliseconds(), sale.EndsAt?.ToUnixTimeMilliseconds() ?? Forever,
        ]);
        if (result == 1 && before is not null)
        {
            await Task.WhenAll(before.StreamIds.Except(sale.StreamIds).Select(s => Db.SetRemoveAsync(keys.StreamSales(s), sale.Id)));
            await Task.WhenAll(sale.StreamIds.Select(s => Db.SetAddAsync(keys.StreamSales(s), sale.Id)));
        }

        return Edit(result);
    }

    public async Task<EditOutcome> CancelAsync(string saleId, CancellationToken ct = default) =>
        Edit((int)await RedisScripts.FlashCancel.EvaluateAsync(Db, keys.Sale(saleId)));

    public async Task<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)?> LaunchAsync(string saleId, TimeSpan duration, CancellationToken ct = default)
    {
        var result = await RedisScripts.FlashLaunch.EvaluateAsync(Db, keys.Sale(saleId), [(long)duration.TotalMilliseconds]);
        if (result.Resp2Type != ResultType.Array)
        {
            return null;
        }

        var times = (long[])result!;
        return (Time(times[0]), Time(times[1]));
    }

    public async Task<StockReturn> ChangeQuantityAsync(string saleId, int quantity, CancellationToken ct = default)
    {
        var r = Items(await RedisScripts.FlashQuantity.EvaluateAsync(Db, keys.Sale(saleId), [quantity, saleId]));
        return new StockReturn(0, (int)r[0], Grants(saleId, r, 1));
    }

    public IReadOnlyList<ReserveAnswer> ReserveMany(IReadOnlyList<ReserveRequest> requests)
    {
        var replies = RedisScripts.FlashReserve.EvaluateMany(Db, requests.Select(r =>
            (keys.Sale(r.SaleId), new RedisValue[] { r.SaleId, r.BuyerId, r.Quantity, r.IdempotencyKey, r.StreamId ?? "" })).ToList());
        return requests.Select((r, i) => ReserveAnswer.Of(() => Reserved(Items(replies[i]), r.Quantity))).ToList();
    }

    private static ReserveResult Reserved(RedisResult[] r, int quantity) => (string)r[0]! switch
    {
        "held" => new ReserveResult(ReserveOutcome.Held, (string)r[1]!, Time((long)r[2]), (int)r[3], (int)r[4]),
        "soldout" => new ReserveResult(ReserveOutcome.SoldOut, null, null, quantity, (int)r[1]),
        "limit" => new ReserveResult(ReserveOutcome.LimitReached, null, null, quantity, null),
        _ => new ReserveResult(ReserveOutcome.NotLive, null, null, quantity, null),
    };

    public async Task<BeginCheckout> BeginCheckoutAsync(string holdId, string buyerId, string checkoutKey, TimeSpan grace, CancellationToken ct = default)
    {
        var r = Items(await RedisScripts.FlashBeginCheckout.EvaluateAsync(Db, SaleKeysOf(holdId),
            [buyerId, holdId, checkoutKey, (long)grace.TotalMilliseconds]));
        return (string)r[0]! switch
        {
            "pay" => new BeginCheckout(BeginCheckoutOutcome.Pay, (int)r[1], (string?)r[2] is { Length: > 0 } s ? s : null, null),
            "sold" => new BeginCheckout(BeginCheckoutOutcome.AlreadySold, 0, null, (string)r[1]!),
            _ => new BeginCheckout(BeginCheckoutOutcome.Expired, 0, null, null),
        };
    }

    public async Task<string?> CommitAsync(string holdId, string buyerId, string checkoutKey, OrderDto order, CancellationToken ct = default)
    {
        var r = Items(await RedisScripts.FlashCommit.EvaluateAsync(Db, [.. SaleKeysOf(holdId), keys.SaleUnlogged(HoldIds.SaleOf(holdId)!)],
            [buyerId, holdId, checkoutKey, order.Id, StoredJson.Write(order), order.CreatedAt.ToUnixTimeMilliseconds()]));
        return (string)r[0]! == "ok" ? (string)r[1]! : null;
    }

    public async Task<OrderDto?> GetOrderAsync(string saleId, string orderId, CancellationToken ct = default) =>
        await Db.HashGetAsync(keys.Sale(saleId)[6], orderId) is { HasValue: true } json ? StoredJson.Read<OrderDto>(json!) : null;

    public async Task<IReadOnlyList<OrderDto>> UnloggedOrdersAsync(string saleId, DateTimeOffset before, int max = 100, CancellationToken ct = default)
    {
        var ids = await Db.SortedSetRangeByScoreAsync(keys.SaleUnlogged(saleId), double.NegativeInfinity, before.ToUnixTimeMilliseconds(),
            Exclude.Stop, take: max);
        if (ids.Length == 0)
        {
            return [];
        }

        var orders = await Db.HashGetAsync(keys.Sale(saleId)[6], ids);
        return orders.Where(o => o.HasValue).Select(o => StoredJson.Read<OrderDto>(o!)).ToList();
    }

    public Task MarkLoggedAsync(string saleId, string orderId, CancellationToken ct = default) =>
        Db.SortedSetRemoveAsync(keys.SaleUnlogged(saleId), orderId);

    public async Task<bool> RecordIntentAsync(string holdId, string buyerId, string checkoutKey, string intentId, CancellationToken ct = default)
    {
        var result = await RedisScripts.FlashRecordIntent.EvaluateAsync(Db, [.. SaleKeysOf(holdId), keys.SalePayments(HoldIds.SaleOf(holdId)!)],
            [buyerId, holdId, checkoutKey, intentId]);
        return result.Resp2Type == ResultType.Array ? (int)Items(result)[0] == 1 : (int)result == 1;
    }

    public async Task<IReadOnlyList<UnsettledPayment>> UnsettledPaymentsAsync(string saleId, DateTimeOffset before, int max = 100, CancellationToken ct = default)
    {
        var r = Items(await RedisScripts.FlashUnsettled.EvaluateAsync(Db, [.. keys.Sale(saleId), keys.SalePayments(saleId)],
            [before.ToUnixTimeMilliseconds(), max]));
        var list = new List<UnsettledPayment>(r.Length / 3);
        for (var i = 0; i + 2 < r.Length; i += 3)
        {
            list.Add(new UnsettledPayment((string)r[i]!, (string)r[i + 1]!, (string)r[i + 2]! != "paying"));
        }

        return list;
    }

    public Task ForgetPaymentAsync(string saleId, string holdId, CancellationToken ct = default) =>
        Db.SortedSetRemoveAsync(keys.SalePayments(saleId), holdId);

    public async Task<StockReturn> ReleaseAsync(string holdId, string buyerId, CancellationToken ct = default)
    {
        var saleId = HoldIds.SaleOf(holdId)!;
        var r = Items(await RedisScripts.FlashRelease.EvaluateAsync(Db, SaleKeysOf(holdId), [buyerId, holdId, saleId]));
        return new StockReturn((int)r[0], (int)r[1], Grants(saleId, r, 2));
    }

    public async Task<StockReturn> SweepExpiredAsync(string saleId, int max = 200, CancellationToken ct = default)
    {
        var r = Items(await RedisScripts.FlashSweep.EvaluateAsync(Db, keys.Sale(saleId), [saleId, max]));
        return new StockReturn((int)r[0], (int)r[1], Grants(saleId, r, 2));
    }

    public async Task<int> JoinWaitlistAsync(string saleId, string buyerId, string? streamId, CancellationToken ct = default)
    {
        var result = await RedisScripts.FlashWaitlist.EvaluateAsync(Db, keys.Sale(saleId), [buyerId, streamId ?? ""]);
        return result.Resp2Type == ResultType.Array ? (int)Items(result)[0] : (int)result;
    }

    public async Task<bool> TryClaimStockPushAsync(string saleId, TimeSpan interval, CancellationToken ct = default) =>
        await Db.StringSetAsync(keys.SaleStockPush(saleId), 1, interval, When.NotExists);

    public async Task<bool> RepriceRegularAsync(FlashSale sale, CancellationToken ct = default) =>
        (int)await RedisScripts.FlashReprice.EvaluateAsync(Db, [keys.Sale(sale.Id)[0]], [StoredJson.Write(sale)]) == 1;

    public async Task<RefundClaim> BeginRefundAsync(string saleId, string orderId, string token, TimeSpan lease, CancellationToken ct = default)
    {
        var r = (RedisResult[])(await RedisScripts.FlashRefundBegin.EvaluateAsync(Db, [keys.Sale(saleId)[6], keys.SaleRefunds(saleId)],
            [orderId, token, (long)lease.TotalMilliseconds]))!;
        return (string)r[0]! switch
        {
            "go" => new RefundClaim(RefundStart.Go, null),
            "busy" => new RefundClaim(RefundStart.InProgress, null),
            "done" => new RefundClaim(RefundStart.AlreadyRefunded, Time(long.Parse((string)r[1]!, CultureInfo.InvariantCulture))),
            _ => new RefundClaim(RefundStart.NotFound, null),
        };
    }

    public async Task<DateTimeOffset?> EndRefundAsync(string saleId, string orderId, string token, bool refunded, CancellationToken ct = default)
    {
        var r = (RedisResult[])(await RedisScripts.FlashRefundEnd.EvaluateAsync(Db, [keys.SaleRefunds(saleId)],
            [orderId, token, refunded ? "done" : "abort"]))!;
        return (string)r[0]! == "ok" && r.Length > 1 ? Time(long.Parse((string)r[1]!, CultureInfo.InvariantCulture)) : null;
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> RefundsAsync(string saleId, IReadOnlyList<string> orderIds, CancellationToken ct = default)
    {
        var done = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (orderIds.Count == 0)
        {
            return done;
        }

        var values = await Db.HashGetAsync(keys.SaleRefunds(saleId), orderIds.Select(id => (RedisValue)id).ToArray());
        for (var i = 0; i < orderIds.Count; i++)
        {
            if (values[i] is { HasValue: true } v && ((string)v!).StartsWith("done:", StringComparison.Ordinal))
            {
                done[orderIds[i]] = Time(long.Parse(((string)v!)[5..], CultureInfo.InvariantCulture));
            }
        }

        return done;
    }

    private RedisKey[] SaleKeysOf(string holdId) =>
        keys.Sale(HoldIds.SaleOf(holdId) ?? throw AppException.NotFound(ErrorCodes.HoldNotFound, "No such hold."));

    /// <summary>The script's reply as a list; a {'err', code} reply becomes the refusal it stands for.</summary>
    private static RedisResult[] Items(RedisResult result)
    {
        var items = (RedisResult[])result!;
        if (items.Length == 2 && items[0].Resp2Type == ResultType.BulkString && (string?)items[0] == "err")
        {
            throw FlashSaleErrors.From((string)items[1]!);
        }

        return items;
    }

    private static List<HoldGrant> Grants(string saleId, RedisResult[] r, int from)
    {
        var grants = new List<HoldGrant>();
        for (var i = from; i + 2 < r.Length; i += 3)
        {
            grants.Add(new HoldGrant(saleId, (string)r[i]!, (string)r[i + 1]!, 1, Time((long)r[i + 2])));
        }

        return grants;
    }

    private static EditOutcome Edit(int result) => result switch
    {
        1 => EditOutcome.Done,
        0 => EditOutcome.NotFound,
        _ => EditOutcome.NotEditable,
    };

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static FlashSale? Read(HashEntry[] hash)
    {
        if (hash.Length == 0)
        {
            return null;
        }

        var f = hash.ToDictionary(h => h.Name.ToString(), h => h.Value);
        long L(string name) => long.Parse((string)f[name]!, CultureInfo.InvariantCulture);
        var sale = StoredJson.Read<FlashSale>(f["json"]!);
        var ends = L("endsAt");
        return sale with
        {
            Quantity = (int)L("qty"),
            PerBuyerLimit = (int)L("limit"),
            HoldSeconds = (int)(L("holdMs") / 1000),
            StartsAt = Time(L("startsAt")),
            EndsAt = ends >= Forever ? null : Time(ends),
            Stock = (int)L("stock"),
            Sold = (int)L("sold"),
            Held = (int)L("held"),
            Cancelled = f["cancelled"] == "1",
        };
    }
}

/// <summary>The due queue and the sweep set: two keys of their own (they list ids across sales).</summary>
public sealed class RedisSaleSchedule(IConnectionMultiplexer redis, RedisKeys keys) : ISaleSchedule
{
    private IDatabase Db => redis.GetDatabase();

    public Task ScheduleAsync(string saleId, SaleEdge edge, DateTimeOffset at, CancellationToken ct = default) =>
        Db.SortedSetAddAsync(keys.SalesDue, Member(saleId, edge), at.ToUnixTimeMilliseconds());

    public Task UnscheduleAsync(string saleId, CancellationToken ct = default) =>
        Db.SortedSetRemoveAsync(keys.SalesDue, [Member(saleId, SaleEdge.Start), Member(saleId, SaleEdge.End)]);

    public async Task<IReadOnlyList<(string SaleId, SaleEdge Edge)>> ClaimDueAsync(int max, CancellationToken ct = default)
    {
        var items = (RedisValue[])(await RedisScripts.DueClaim.EvaluateAsync(Db, [keys.SalesDue], [max]))!;
        return items.Select(i => i.ToString()).Select(i => (i[(i.IndexOf('|', StringComparison.Ordinal) + 1)..], i.StartsWith("start|", StringComparison.Ordinal) ? SaleEdge.Start : SaleEdge.End)).ToList();
    }

    public Task TrackAsync(string saleId, DateTimeOffset until, CancellationToken ct = default) =>
        Db.SortedSetAddAsync(keys.SalesTracked, saleId, until.ToUnixTimeMilliseconds());

    public async Task<IReadOnlyList<string>> TrackedAsync(CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Db.SortedSetRemoveRangeByScoreAsync(keys.SalesTracked, double.NegativeInfinity, now);
        return (await Db.SortedSetRangeByRankAsync(keys.SalesTracked, 0, 999)).Select(v => v.ToString()).ToList();
    }

    private static string Member(string saleId, SaleEdge edge) => (edge == SaleEdge.Start ? "start|" : "end|") + saleId;
}
