using System.Collections.Immutable;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Realtime;

/// <summary>
/// What the client knows about one joined stream: the last snapshot with every sequenced event
/// since applied in order, plus the latest unsequenced state. Immutable; each change makes a new
/// one. Features grow this record with their parts (pins, comments, sales) and
/// <see cref="Apply"/> with their events.
/// </summary>
public sealed record LiveStreamState
{
    public required string StreamId { get; init; }

    /// <summary>Null until the first snapshot arrives.</summary>
    public StreamDto? Stream { get; init; }

    public int Viewers { get; init; }

    /// <summary>The seq of the last applied event (or of the snapshot).</summary>
    public long Seq { get; init; }

    /// <summary>
    /// True while the state is known to be current: a snapshot has been applied and the connection
    /// has not dropped since. False before the first join and between a drop and the rejoin.
    /// </summary>
    public bool Synced { get; init; }

    /// <summary>Server clock minus local clock at the last snapshot, for countdowns that agree across viewers.</summary>
    public TimeSpan ServerClockOffset { get; init; }

    /// <summary>Why the stream cannot be joined (an <see cref="ErrorCodes"/> value), e.g. <c>stream_not_found</c>.</summary>
    public string? Error { get; init; }

    /// <summary>Pinned products, oldest first; the first is featured.</summary>
    public ImmutableList<PinDto> Pins { get; init; } = [];

    /// <summary>The newest comments (at most <see cref="MaxComments"/>), oldest first.</summary>
    public ImmutableList<CommentDto> Comments { get; init; } = [];

    public CommentDto? Announcement { get; init; }

    public int SlowModeSeconds { get; init; }

    /// <summary>Comments marked as questions since the snapshot (hosts merge them with <c>GetQuestions</c>).</summary>
    public ImmutableList<CommentDto> Questions { get; init; } = [];

    /// <summary>Reaction taps seen since this page joined, per kind.</summary>
    public ReactionTotals Reactions { get; init; } = ReactionTotals.Zero;

    /// <summary>The stream's sales (flash and regular) with their latest remaining stock.</summary>
    public ImmutableList<FlashSaleDto> Sales { get; init; } = [];

    /// <summary>The latest "just bought" moments, oldest first (at most <see cref="MaxPurchases"/>).</summary>
    public ImmutableList<PurchaseMade> Purchases { get; init; } = [];

    /// <summary>Orders seen live since this page joined (for the studio's metrics).</summary>
    public int OrdersSeen { get; init; }

    /// <summary>Units sold live since this page joined, and their value per currency.</summary>
    public ImmutableDictionary<string, decimal> SalesValueSeen { get; init; } = ImmutableDictionary<string, decimal>.Empty;

    public const int MaxPurchases = 5;

    /// <summary>The stream's attributed totals for the day (orders, GMV, commission), pushed to staff as orders land; null until the first.</summary>
    public HostMetricsChanged? HostMetrics { get; init; }

    /// <summary>How many comments a viewer keeps; the server's snapshot carries 50.</summary>
    public const int MaxComments = 100;

    /// <summary>
    /// Set while the host's encoder is away: when the stream ends unless it comes back. From the
    /// snapshot of a viewer who joins meanwhile, then from StreamReconnecting, StreamResumed and StreamEnded.
    /// </summary>
    public DateTimeOffset? ReconnectingUntil { get; init; }

    /// <summary>The stream is live but its video is not coming in: viewers see "the host is reconnecting".</summary>
    public bool HostReconnecting => ReconnectingUntil is not null && Status == StreamStatus.Live;

    public bool HasSnapshot => Stream is not null;

    public StreamStatus? Status => Stream?.Status;

    /// <summary>A fresh snapshot replaces everything.</summary>
    public LiveStreamState WithSnapshot(StreamSnapshot snapshot, DateTimeOffset now) => this with
    {
        Stream = snapshot.Stream,
        Viewers = snapshot.Viewers,
        Seq = snapshot.Seq,
        Pins = [.. snapshot.Pins],
        Comments = [.. snapshot.Comments.TakeLast(MaxComments)],
        Announcement = snapshot.Announcement,
        SlowModeSeconds = snapshot.SlowModeSeconds,
        Sales = [.. snapshot.Sales],
        ReconnectingUntil = snapshot.ReconnectingUntil,
        Synced = true,
        ServerClockOffset = snapshot.ServerTime == default ? TimeSpan.Zero : snapshot.ServerTime - now,
        Error = null,
    };

    /// <summary>
    /// A resumed join: the missed events were (or are being) applied through the gate, so the
    /// snapshot only refreshes unsequenced state. Its stream part may be older than events
    /// already applied, so it must not overwrite them (nor <see cref="ReconnectingUntil"/>, which
    /// follows sequenced events too).
    /// </summary>
    public LiveStreamState WithCatchUp(StreamSnapshot snapshot, DateTimeOffset now) => this with
    {
        Viewers = snapshot.Viewers,
        Synced = true,
        ServerClockOffset = snapshot.ServerTime == default ? ServerClockOffset : snapshot.ServerTime - now,
        Error = null,
    };

    /// <summary>Applies one sequenced event; the caller guarantees seq order (see SeqGate).</summary>
    public LiveStreamState Apply(LiveEvent e)
    {
        var next = this with { Seq = e.Seq };
        if (Stream is not { } stream)
        {
            return next;
        }

        return e switch
        {
            StreamStarted started => next with { Stream = stream with { Status = StreamStatus.Live, StartedAt = started.StartedAt }, ReconnectingUntil = null },
            StreamEnded ended => next with { Stream = stream with { Status = StreamStatus.Ended, EndedAt = ended.EndedAt, EndedReason = ended.Reason }, Pins = [], ReconnectingUntil = null },
            StreamReconnecting away => next with { ReconnectingUntil = away.EndsAt },
            StreamResumed => next with { ReconnectingUntil = null },
            StreamUpdated updated => next with { Stream = updated.Stream },
            ProductPinned pinned => next with { Pins = [.. Pins.Where(p => p.PinId != pinned.Pin.PinId && p.ProductId != pinned.Pin.ProductId), pinned.Pin] },
            ProductUnpinned unpinned => next with { Pins = Pins.RemoveAll(p => p.PinId == unpinned.PinId) },
            CommentsAdded added => next with { Comments = AddComments(Comments, added.Comments) },
            CommentRemoved removed => next with
            {
                Comments = Comments.RemoveAll(c => c.Id == removed.CommentId),
                Questions = Questions.RemoveAll(c => c.Id == removed.CommentId),
                Announcement = Announcement?.Id == removed.CommentId ? null : Announcement,
            },
            AnnouncementPinned announcement => next with { Announcement = announcement.Comment },
            QuestionMarked question => next with
            {
                Comments = Comments.ConvertAll(c => c.Id == question.Comment.Id ? c with { IsQuestion = true } : c),
                Questions = [.. Questions.Where(q => q.Id != question.Comment.Id), question.Comment],
            },
            SlowModeChanged slow => next with { SlowModeSeconds = slow.Seconds },
            FlashSaleStarted started => next with
            {
                Sales = [.. Sales.Where(s => s.Id != started.Sale.Id), started.Sale with { Status = SaleStatus.Live }],
            },
            FlashSaleEnded ended => next with
            {
                Sales = Sales.ConvertAll(s => s.Id == ended.SaleId ? s with { Status = SaleStatus.Ended } : s),
            },
            PurchaseMade bought => next with
            {
                Purchases = Purchases.Count >= MaxPurchases ? Purchases.RemoveAt(0).Add(bought) : Purchases.Add(bought),
                OrdersSeen = OrdersSeen + 1 + bought.CoalescedOrders,
                SalesValueSeen = AddValue(SalesValueSeen, Sales.FirstOrDefault(s => s.Id == bought.SaleId), bought.Quantity + bought.CoalescedUnits),
            },

            // Events of features this client does not show yet still advance the seq.
            _ => next,
        };
    }

    /// <summary>Applies an unsequenced latest-state push.</summary>
    public LiveStreamState Apply(ViewerCountChanged e) => this with { Viewers = e.Viewers };

    /// <summary>Reaction taps are tallied per window; the page shows running totals.</summary>
    public LiveStreamState Apply(ReactionsTallied e) => this with { Reactions = Reactions.Add(e) };

    /// <summary>The latest attributed totals (coalesced pushes, newest wins).</summary>
    public LiveStreamState Apply(HostMetricsChanged e) => HostMetrics is { } known && known.At > e.At ? this : this with { HostMetrics = e };

    /// <summary>The newest stock of a sale; ignored when this stream does not list it.</summary>
    public LiveStreamState Apply(StockChanged e) => Sales.Any(s => s.Id == e.SaleId)
        ? this with
        {
            Sales = Sales.ConvertAll(s => s.Id != e.SaleId ? s
                : s with { Remaining = e.SoldOut ? 0 : e.Remaining }),
        }
        : this;

    /// <summary>The live sale of a product (a flash sale before a regular one), if any.</summary>
    public FlashSaleDto? LiveSaleOf(string productId) => Sales
        .Where(s => s.ProductId == productId && s.Status == SaleStatus.Live)
        .OrderBy(s => s.Kind == SaleKind.Flash ? 0 : 1)
        .FirstOrDefault();

    /// <summary>The flash sale to feature in the banner: live, started last.</summary>
    public FlashSaleDto? FeaturedFlashSale => Sales
        .Where(s => s.Kind == SaleKind.Flash && s.Status == SaleStatus.Live)
        .OrderByDescending(s => s.StartsAt)
        .FirstOrDefault();

    private static ImmutableDictionary<string, decimal> AddValue(ImmutableDictionary<string, decimal> totals, FlashSaleDto? sale, int quantity) =>
        sale is null ? totals : totals.SetItem(sale.Currency, totals.GetValueOrDefault(sale.Currency) + (sale.Price * quantity));

    /// <summary>The pin of a product, if it is pinned.</summary>
    public PinDto? PinOf(string productId) => Pins.FirstOrDefault(p => p.ProductId == productId);

    private static ImmutableList<CommentDto> AddComments(ImmutableList<CommentDto> current, IReadOnlyList<CommentDto> added)
    {
        var known = current.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var all = current.AddRange(added.Where(c => known.Add(c.Id)));
        return all.Count <= MaxComments ? all : all.RemoveRange(0, all.Count - MaxComments);
    }

    public LiveStreamState AsUnsynced() => Synced ? this with { Synced = false } : this;

    public LiveStreamState WithError(string code) => this with { Error = code, Synced = false };
}

/// <summary>Running reaction totals per kind.</summary>
public sealed record ReactionTotals(long Heart, long Fire, long Laugh, long Wow, long Clap)
{
    public static ReactionTotals Zero { get; } = new(0, 0, 0, 0, 0);

    public ReactionTotals Add(ReactionsTallied e) =>
        new(Heart + e.Heart, Fire + e.Fire, Laugh + e.Laugh, Wow + e.Wow, Clap + e.Clap);

    public long Of(string kind) => kind switch
    {
        ReactionKinds.Heart => Heart,
        ReactionKinds.Fire => Fire,
        ReactionKinds.Laugh => Laugh,
        ReactionKinds.Wow => Wow,
        ReactionKinds.Clap => Clap,
        _ => 0,
    };
}
