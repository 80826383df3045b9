using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// Takes this node's reserve calls to the inventory on a thread of its own, in rounds. Each round
/// sends, per sale, no more units than the last answer said are left (one call when there is no
/// answer yet, or the answer said none but the sold-out cache has been cleared since), in one
/// pipelined round trip, and blocks until it is answered. Calls beyond that wait for a later round,
/// by which time the sold-out cache can usually answer them.
/// </summary>
/// <remarks>
/// Why a thread: a rush's calls and Redis's answers share the thread pool's queue, so an answer
/// awaited there resumes after the thousands of calls queued ahead of it: the answer that says a
/// sale sold out would be read behind the rush, and nearly every call would wait for it. Blocking
/// here, this thread is woken by the Redis multiplexer's reader itself, with no continuation queued
/// behind the rush (the socket's own completion passes through the pool unless the node runs with
/// inline socket completions: docs/OPERATIONS.md, "Runtime settings for nodes"), so the sale is
/// known to be sold out sooner and more of the rush is answered from <see cref="SoldOutCache"/> as
/// it arrives. Redis still decides every call; a stale hint costs a round, never a wrong answer.
/// See docs/BENCHMARKS.md, "Reserve batching".
/// </remarks>
public sealed class ReserveBatcher : IDisposable
{
    /// <summary>Sales whose units left are remembered; past it, the hints are dropped (each costs one probe to relearn).</summary>
    private const int MaxSales = 10_000;

    private readonly IFlashSaleInventory _inventory;
    private readonly SoldOutCache _soldOut;
    private readonly LiveCommerceMetrics? _metrics;
    private readonly ConcurrentQueue<Call> _inbox = new();
    private readonly ManualResetEventSlim _wake = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    // The batcher thread's own: calls waiting for a round, by sale, and what the last answer said is left.
    private readonly Dictionary<string, Queue<Call>> _waiting = [];
    private readonly Dictionary<string, int> _left = [];

    public ReserveBatcher(IFlashSaleInventory inventory, SoldOutCache soldOut, LiveCommerceMetrics? metrics = null)
    {
        _inventory = inventory;
        _soldOut = soldOut;
        _metrics = metrics;
        _thread = new Thread(Run) { IsBackground = true, Name = "reserve batcher" };
        _thread.Start();
    }

    public Task<ReserveResult> ReserveAsync(ReserveRequest request, CancellationToken ct = default)
    {
        var call = new Call(request);
        if (ct.CanBeCanceled)
        {
            // A cancelled call still waiting is dropped; one already sent is answered by Redis as usual.
            call.Cancellation = ct.UnsafeRegister(static (state, token) => ((Call)state!).Answer.TrySetCanceled(token), call);
        }

        _inbox.Enqueue(call);
        _wake.Set();
        return call.Answer.Task;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _wake.Set();
        if (_thread.Join(TimeSpan.FromSeconds(5)))
        {
            foreach (var call in _waiting.Values.SelectMany(q => q).Concat(_inbox))
            {
                call.Fail(new ObjectDisposedException(nameof(ReserveBatcher)));
            }
        }
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (_waiting.Count == 0)
            {
                try
                {
                    _wake.Wait(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            // Reset before draining: a call enqueued after the drain sets it again.
            _wake.Reset();
            while (_inbox.TryDequeue(out var call))
            {
                if (!_waiting.TryGetValue(call.Request.SaleId, out var queue))
                {
                    _waiting[call.Request.SaleId] = queue = new Queue<Call>();
                }

                queue.Enqueue(call);
            }

            RunRound();
        }
    }

    /// <summary>Answers what the cache can, sends what the hints allow, and reads the answers.</summary>
    private void RunRound()
    {
        var round = new List<Call>();
        foreach (var (saleId, queue) in _waiting)
        {
            // One call may always go, so a stale "none left" is corrected by its answer.
            var budget = _left.TryGetValue(saleId, out var left) ? Math.Max(1, left) : 1;
            var asked = 0;
            while (queue.TryPeek(out var call))
            {
                var r = call.Request;
                if (call.Answer.Task.IsCompleted)
                {
                    queue.Dequeue(); // cancelled while waiting
                }
                else if (_soldOut.Answer(saleId, r.BuyerId, r.IdempotencyKey, r.Quantity) is { } cached)
                {
                    queue.Dequeue();
                    call.Resolve(cached);
                    _metrics?.FlashSaleDecided(ReserveHandler.OutcomeName(cached.Outcome), "cache");
                }
                else if (asked == 0 || asked + r.Quantity <= budget)
                {
                    queue.Dequeue();
                    round.Add(call);
                    asked += r.Quantity;
                }
                else
                {
                    break;
                }
            }
        }

        foreach (var saleId in _waiting.Where(w => w.Value.Count == 0).Select(w => w.Key).ToList())
        {
            _waiting.Remove(saleId);
        }

        if (round.Count > 0)
        {
            Send(round);
        }
    }

    private void Send(List<Call> round)
    {
        IReadOnlyList<ReserveAnswer> answers;
        try
        {
            answers = _inventory.ReserveMany(round.ConvertAll(c => c.Request));
        }
        catch (Exception e)
        {
            foreach (var call in round)
            {
                call.Fail(e);
            }

            return;
        }

        if (_left.Count > MaxSales)
        {
            _left.Clear();
        }

        for (var i = 0; i < round.Count; i++)
        {
            var (call, answer) = (round[i], answers[i]);
            if (answer.Result is not { } result)
            {
                call.Fail(answer.Error!);
                continue;
            }

            var r = call.Request;
            // Answers come in the order Redis ran them, so the last one that says is the latest. One that
            // does not say (not live, over the limit) leaves what is known, or if nothing is, sets no
            // bound: there is no race for stock to spare Redis from.
            _left[r.SaleId] = result.Remaining ?? (_left.TryGetValue(r.SaleId, out var known) ? known : int.MaxValue);
            _soldOut.Remember(r.SaleId, r.BuyerId, r.IdempotencyKey, result); // before answering: calls it frees read it
            call.Resolve(result);
            _metrics?.FlashSaleDecided(ReserveHandler.OutcomeName(result.Outcome), "inventory");
        }
    }

    private sealed class Call(ReserveRequest request)
    {
        public ReserveRequest Request { get; } = request;

        public TaskCompletionSource<ReserveResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Released once answered, so a long-lived token does not keep every call it ever watched.</summary>
        public CancellationTokenRegistration Cancellation { get; set; }

        public void Resolve(ReserveResult result)
        {
            Answer.TrySetResult(result);
            Cancellation.Dispose();
        }

        public void Fail(Exception error)
        {
            Answer.TrySetException(error);
            Cancellation.Dispose();
        }
    }
}
