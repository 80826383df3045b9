namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// Keeps this node from asking Redis for more units of a sale at once than Redis last said were
/// left. When a crowd taps Buy on a sale with 500 units, the calls past the first 500 or so would
/// only be told "sold out", so they wait here for the calls ahead of them; once an answer says
/// none are left, the waiters are answered from <see cref="SoldOutCache"/> with no round trip.
/// (Without it a 5,000-buyer burst sent 800 to 3,400 reserves to Redis, varying run to run.)
/// </summary>
/// <remarks>
/// Only a hint: another node's sales or returned holds make it stale, which costs a little
/// waiting or a few extra calls, never a wrong answer, since Redis still decides each call. One
/// call may always go when none is in flight, so a stale "none left" is corrected by its answer;
/// and a sale this node has no answer for yet sends that one call first (a rush's first replies
/// come late, queued behind the rush itself, so letting all through until then let thousands by).
/// </remarks>
public sealed class ReserveGate
{
    /// <summary>Sales whose units left are remembered while idle; past it, idle ones are forgotten as they go idle.</summary>
    private const int MaxSales = 10_000;

    private readonly Dictionary<string, Sale> _sales = [];

    /// <summary>
    /// Waits until <paramref name="quantity"/> units of the sale may be asked for. True: go to Redis,
    /// then call <see cref="Exit"/>. False: an answer meanwhile said none are left, so check the
    /// sold-out cache before entering again.
    /// </summary>
    public ValueTask<bool> EnterAsync(string saleId, int quantity, CancellationToken ct)
    {
        lock (_sales)
        {
            var sale = _sales.TryGetValue(saleId, out var known) ? known : _sales[saleId] = new Sale();
            if (sale.Waiters.Count == 0 && sale.Admits(quantity))
            {
                sale.InFlight += quantity;
                return ValueTask.FromResult(true);
            }

            var waiter = new Waiter(quantity);
            waiter.Node = sale.Waiters.AddLast(waiter);
            return new ValueTask<bool>(WaitAsync(saleId, sale, waiter, ct));
        }
    }

    /// <summary>A call let in by <see cref="EnterAsync"/> is done; <paramref name="remaining"/> is what its answer said is left, if it said.</summary>
    public void Exit(string saleId, int quantity, int? remaining)
    {
        lock (_sales)
        {
            if (!_sales.TryGetValue(saleId, out var sale))
            {
                return;
            }

            sale.InFlight -= quantity;
            // An answer that does not say (not live, over the limit, an error) leaves what is known,
            // or if nothing is, lifts the gate: there is no stock race to spare Redis from.
            sale.Remaining = remaining ?? sale.Remaining ?? int.MaxValue;
            if (sale.Remaining == 0)
            {
                // Sold out as of this answer: everyone waiting can be answered from the cache.
                while (sale.Waiters.First is { } first)
                {
                    sale.Waiters.RemoveFirst();
                    first.Value.Turn.TrySetResult(false);
                }
            }

            // A listed waiter is never cancelled: cancelling takes it off the list first, under this lock.
            while (sale.Waiters.First is { } next && sale.Admits(next.Value.Quantity))
            {
                sale.Waiters.RemoveFirst();
                sale.InFlight += next.Value.Quantity;
                next.Value.Turn.TrySetResult(true);
            }

            ForgetIfIdle(saleId, sale);
        }
    }

    /// <summary>Under the lock. An idle sale is kept for what its answers said, unless there are too many.</summary>
    private void ForgetIfIdle(string saleId, Sale sale)
    {
        if (sale.InFlight == 0 && sale.Waiters.Count == 0 && (sale.Remaining is null || _sales.Count > MaxSales))
        {
            _sales.Remove(saleId);
        }
    }

    private async Task<bool> WaitAsync(string saleId, Sale sale, Waiter waiter, CancellationToken ct)
    {
        await using var registration = ct.Register(() =>
        {
            lock (_sales)
            {
                if (waiter.Node?.List is not null)
                {
                    sale.Waiters.Remove(waiter.Node);
                    ForgetIfIdle(saleId, sale);
                }
            }

            waiter.Turn.TrySetCanceled(ct);
        });
        return await waiter.Turn.Task;
    }

    private sealed class Sale
    {
        public int InFlight { get; set; }

        /// <summary>Units left as the latest answer said; null until an answer came, when only one call goes at a time.</summary>
        public int? Remaining { get; set; }

        public LinkedList<Waiter> Waiters { get; } = new();

        public bool Admits(int quantity) => InFlight == 0 || (Remaining is { } left && InFlight + quantity <= (long)left);
    }

    private sealed class Waiter(int quantity)
    {
        public int Quantity { get; } = quantity;

        public LinkedListNode<Waiter>? Node { get; set; }

        public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
