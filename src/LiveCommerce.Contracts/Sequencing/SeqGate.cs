namespace LiveCommerce.Contracts.Sequencing;

/// <summary>
/// The one piece of protocol logic every client needs: events of a stream may arrive twice
/// (catch-up and live overlap) or out of order (two nodes publishing); this releases each
/// seq exactly once, in order, and tells when a gap has waited too long and a rejoin is due.
/// </summary>
public sealed class SeqGate
{
    private readonly SortedDictionary<long, LiveEvent> _pending = [];
    private readonly Lock _lock = new();
    private DateTimeOffset? _gapSince;

    /// <summary>The highest seq the server said the stream has reached (<see cref="Heard"/>).</summary>
    private long _head;

    public long Last { get; private set; }

    /// <summary>Events received ahead of a gap, waiting for it to fill.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Starts over from a snapshot taken at <paramref name="seq"/>. A head heard before it is dropped:
    /// the snapshot is newer, or comes from a log that restarted (then the old head would never be reached).
    /// </summary>
    public void Reset(long seq)
    {
        lock (_lock)
        {
            Last = seq;
            _head = seq;
            foreach (var stale in _pending.Keys.Where(k => k <= seq).ToList())
            {
                _pending.Remove(stale);
            }

            UpdateGap(null);
        }
    }

    /// <summary>Events that can be applied now, in seq order; empty for duplicates and early arrivals.</summary>
    public IReadOnlyList<LiveEvent> Offer(LiveEvent e, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (e.Seq <= Last)
            {
                return [];
            }

            _pending[e.Seq] = e;
            var ready = new List<LiveEvent>();
            while (_pending.Remove(Last + 1, out var next))
            {
                ready.Add(next);
                Last = next.Seq;
            }

            UpdateGap(now);
            return ready;
        }
    }

    /// <summary>
    /// The server says the stream has reached <paramref name="head"/>. Beyond <see cref="Last"/>, it is
    /// a gap like an early arrival's: the pushes may still be on their way, or lost (nothing later would
    /// have revealed that), so it is reported once it has waited longer than the patience.
    /// </summary>
    public void Heard(long head, DateTimeOffset now)
    {
        lock (_lock)
        {
            _head = Math.Max(_head, head);
            UpdateGap(now);
        }
    }

    /// <summary>Open since the first moment something was known to lie beyond <see cref="Last"/>; closed once nothing is.</summary>
    private void UpdateGap(DateTimeOffset? now)
    {
        var behind = _pending.Count > 0 || _head > Last;
        _gapSince = behind ? _gapSince ?? now : null;
    }

    /// <summary>True when an event after a gap has waited longer than <paramref name="patience"/>.</summary>
    public bool GapOlderThan(TimeSpan patience, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _gapSince is { } since && now - since > patience;
        }
    }
}
