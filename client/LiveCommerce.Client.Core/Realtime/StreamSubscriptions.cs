using LiveCommerce.Contracts;
using LiveCommerce.Contracts.Sequencing;

namespace LiveCommerce.Client.Realtime;

/// <summary>A join the connection is about to send: resume from <see cref="LastSeq"/>, or a full snapshot when null.</summary>
public sealed record JoinTicket(string StreamId, long? LastSeq, long Id);

/// <summary>What changed in one stream: its new state, the events applied (in seq order) on the way.</summary>
public sealed record StreamUpdate(LiveStreamState State, IReadOnlyList<LiveEvent> Applied);

/// <summary>
/// The per-stream bookkeeping behind <see cref="LiveHubConnection"/>, without any I/O so it can be
/// tested on its own: who watches which stream (reference counted), each stream's
/// <see cref="SeqGate"/> and state, and joins in flight.
/// <para>
/// While a join is in flight its stream's events are held back: the server adds the caller to the
/// group before reading its log, so pushes may arrive before, during and after the answer. Once
/// the answer is in, the held events go through the gate — after a reset to the snapshot's seq
/// for a full snapshot, or on top of the caught-up state for a resumed join — so each is applied
/// exactly once, in order, and none that the snapshot already contains.
/// </para>
/// </summary>
public sealed class StreamSubscriptions(TimeSpan gapPatience)
{
    /// <summary>How long an event after a gap waits before a rejoin is due (docs/API.md: 2 s).</summary>
    public static readonly TimeSpan DefaultGapPatience = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _nextTicket;

    public StreamSubscriptions()
        : this(DefaultGapPatience)
    {
    }

    /// <summary>The streams someone is watching.</summary>
    public IReadOnlyList<string> StreamIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries.Keys];
            }
        }
    }

    /// <summary>Adds a watcher; true when it is the stream's first (so the stream must be joined).</summary>
    public bool Track(string streamId)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(streamId, out var entry))
            {
                entry.Refs++;
                return false;
            }

            _entries[streamId] = new Entry(streamId) { Refs = 1 };
            return true;
        }
    }

    /// <summary>Removes a watcher; true when it was the last (so the stream should be left).</summary>
    public bool Release(string streamId)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(streamId, out var entry) || --entry.Refs > 0)
            {
                return false;
            }

            _entries.Remove(streamId);
            return true;
        }
    }

    public bool IsTracked(string streamId)
    {
        lock (_lock)
        {
            return _entries.ContainsKey(streamId);
        }
    }

    public LiveStreamState? Get(string streamId)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(streamId, out var entry) ? entry.State : null;
        }
    }

    /// <summary>
    /// Starts a join, resuming from the last applied seq when the stream has state. Null when the
    /// stream is not tracked, a join is already in flight, or it failed for good (e.g. not found).
    /// </summary>
    public JoinTicket? BeginJoin(string streamId)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(streamId, out var entry) || entry.Joining is not null || entry.State.Error is not null)
            {
                return null;
            }

            var ticket = new JoinTicket(streamId, entry.State.HasSnapshot && !entry.NeedsFullSnapshot ? entry.Gate.Last : null, ++_nextTicket);
            entry.Joining = ticket;
            entry.Held = [];
            return ticket;
        }
    }

    /// <summary>Applies the join's answer and the events held meanwhile. Null when the join is stale (the stream was left).</summary>
    public StreamUpdate? CompleteJoin(JoinTicket ticket, StreamSnapshot snapshot, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!TryGetJoining(ticket, out var entry))
            {
                return null;
            }

            if (snapshot.CaughtUp && ticket.LastSeq is not null)
            {
                entry.State = entry.State.WithCatchUp(snapshot, now);
            }
            else
            {
                // The snapshot is the whole truth as of its seq; anything the old gate held is history.
                entry.Gate = new SeqGate();
                entry.Gate.Reset(snapshot.Seq);
                entry.State = entry.State.WithSnapshot(snapshot, now);
                entry.NeedsFullSnapshot = false;
            }

            var applied = ReleaseHeld(entry, now);
            return new StreamUpdate(entry.State, applied);
        }
    }

    /// <summary>
    /// The join failed. With <paramref name="errorCode"/> the failure is final for this stream
    /// (shown to the user, not retried); without, the held events go on as if it never happened.
    /// </summary>
    public StreamUpdate? FailJoin(JoinTicket ticket, string? errorCode, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!TryGetJoining(ticket, out var entry))
            {
                return null;
            }

            var applied = entry.State.HasSnapshot ? ReleaseHeld(entry, now) : Drop(entry);
            if (errorCode is not null)
            {
                entry.State = entry.State.WithError(errorCode);
            }

            return new StreamUpdate(entry.State, applied);
        }
    }

    /// <summary>
    /// The server could not resume from our seq (its log restarted): the next join asks for a full snapshot.
    /// </summary>
    public void RequireFullSnapshot(string streamId)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(streamId, out var entry))
            {
                entry.NeedsFullSnapshot = true;
            }
        }
    }

    /// <summary>
    /// A sequenced event arrived. Returns the update when it (and possibly held successors) could be
    /// applied; null for duplicates, early arrivals, events held during a join and unwatched streams.
    /// </summary>
    public StreamUpdate? Offer(LiveEvent e, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(e.StreamId, out var entry))
            {
                return null;
            }

            if (entry.Held is { } held)
            {
                held.Add(e);
                return null;
            }

            if (!entry.State.HasSnapshot)
            {
                return null; // nothing to apply it to; the next join brings a snapshot
            }

            var applied = Apply(entry, entry.Gate.Offer(e, now));
            return applied.Count == 0 ? null : new StreamUpdate(entry.State, applied);
        }
    }

    /// <summary>The stream's last seq, from our node: beyond what we applied, a gap (rejoined if it stays open).</summary>
    public void Heard(StreamHead head, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(head.StreamId, out var entry) && entry.State.HasSnapshot)
            {
                entry.Gate.Heard(head.Seq, now);
            }
        }
    }

    /// <summary>A latest-state push. Null when the stream is not watched.</summary>
    public LiveStreamState? Apply(ViewerCountChanged e) => Update(e.StreamId, s => s.Apply(e));

    /// <summary>The host's live totals. Null when the stream is not watched.</summary>
    public LiveStreamState? Apply(HostMetricsChanged e) => Update(e.StreamId, s => s.Apply(e));

    /// <summary>A reaction tally. Null when the stream is not watched.</summary>
    public LiveStreamState? Apply(ReactionsTallied e) => Update(e.StreamId, s => s.Apply(e));

    /// <summary>A sale's stock: applies to every watched stream that lists the sale.</summary>
    public IReadOnlyList<LiveStreamState> Apply(StockChanged e)
    {
        lock (_lock)
        {
            var changed = new List<LiveStreamState>();
            foreach (var entry in _entries.Values)
            {
                var next = entry.State.Apply(e);
                if (!ReferenceEquals(next, entry.State))
                {
                    entry.State = next;
                    changed.Add(next);
                }
            }

            return changed;
        }
    }

    private LiveStreamState? Update(string streamId, Func<LiveStreamState, LiveStreamState> change)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(streamId, out var entry))
            {
                return null;
            }

            entry.State = change(entry.State);
            return entry.State;
        }
    }

    /// <summary>Streams whose gap has waited longer than the patience, with no join in flight: rejoin them.</summary>
    public IReadOnlyList<string> OverdueGaps(DateTimeOffset now)
    {
        lock (_lock)
        {
            return [.. _entries.Values
                .Where(e => e.Joining is null && e.State.HasSnapshot && e.Gate.GapOlderThan(gapPatience, now))
                .Select(e => e.State.StreamId)];
        }
    }

    /// <summary>The connection dropped: every stream's state may be stale until it rejoins.</summary>
    public IReadOnlyList<LiveStreamState> MarkAllUnsynced()
    {
        lock (_lock)
        {
            var changed = new List<LiveStreamState>();
            foreach (var entry in _entries.Values.Where(e => e.State.Synced))
            {
                entry.State = entry.State.AsUnsynced();
                changed.Add(entry.State);
            }

            return changed;
        }
    }

    private bool TryGetJoining(JoinTicket ticket, out Entry entry)
    {
        if (_entries.TryGetValue(ticket.StreamId, out entry!) && entry.Joining?.Id == ticket.Id)
        {
            entry.Joining = null;
            return true;
        }

        return false;
    }

    private List<LiveEvent> ReleaseHeld(Entry entry, DateTimeOffset now)
    {
        var held = entry.Held ?? [];
        entry.Held = null;
        var applied = new List<LiveEvent>();
        foreach (var e in held)
        {
            applied.AddRange(Apply(entry, entry.Gate.Offer(e, now)));
        }

        return applied;
    }

    private static List<LiveEvent> Drop(Entry entry)
    {
        entry.Held = null;
        return [];
    }

    private static List<LiveEvent> Apply(Entry entry, IReadOnlyList<LiveEvent> ready)
    {
        var applied = new List<LiveEvent>(ready.Count);
        foreach (var e in ready)
        {
            entry.State = entry.State.Apply(e);
            applied.Add(e);
        }

        return applied;
    }

    private sealed class Entry(string streamId)
    {
        public int Refs { get; set; }

        public SeqGate Gate { get; set; } = new();

        public LiveStreamState State { get; set; } = new() { StreamId = streamId };

        /// <summary>The join in flight, if any.</summary>
        public JoinTicket? Joining { get; set; }

        /// <summary>Events that arrived while <see cref="Joining"/>; null otherwise.</summary>
        public List<LiveEvent>? Held { get; set; }

        public bool NeedsFullSnapshot { get; set; }
    }
}
