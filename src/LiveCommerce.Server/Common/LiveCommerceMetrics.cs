using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LiveCommerce.Server.Common;

/// <summary>
/// The node's own instruments (meter <see cref="MeterName"/>), exported with ASP.NET Core's on
/// <c>/metrics</c> (Operations/TelemetryRegistration; the names are listed in docs/OPERATIONS.md, "Metrics and traces").
/// The meter comes from the host's <see cref="IMeterFactory"/>, not a static: the exporter of each node
/// then reads only that node's measurements, also when several nodes share a process (the tests).
/// </summary>
public sealed class LiveCommerceMetrics
{
    public const string MeterName = "LiveCommerce.Server";

    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, Func<DateTimeOffset?>> _behindSince = new();
    private readonly Histogram<double> _commandDuration;
    private readonly Counter<long> _hubInvocations;
    private readonly Counter<long> _flashSaleDecisions;
    private readonly Counter<long> _commentBatches;
    private readonly Histogram<int> _commentBatchSize;

    public LiveCommerceMetrics(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        var meter = meters.Create(MeterName);
        _commandDuration = meter.CreateHistogram("livecommerce.command.duration", "s",
            "Time to handle one mediator message, by message and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _hubInvocations = meter.CreateCounter<long>("livecommerce.hub.invocations", "{invocation}",
            "Hub method calls answered, by method and outcome.");
        _flashSaleDecisions = meter.CreateCounter<long>("livecommerce.flashsale.decisions", "{decision}",
            "Answers to Reserve, by outcome and by what answered (the inventory, or this node's sold-out cache).");
        _commentBatches = meter.CreateCounter<long>("livecommerce.comments.batches", "{batch}",
            "CommentsAdded batches this node published.");
        _commentBatchSize = meter.CreateHistogram("livecommerce.comments.batch.size", "{comment}",
            "Comments in one published batch.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500] });
        meter.CreateObservableGauge("livecommerce.projector.lag", ObserveLag, "s",
            "How long the oldest log entry a projector has not applied yet has waited; 0 when caught up.");
    }

    /// <summary><paramref name="outcome"/>: ok, refused (with the error code as <c>error.type</c>) or failed (with the exception's type).</summary>
    public void CommandHandled(string message, string outcome, string? errorType, TimeSpan elapsed)
    {
        var tags = new TagList { { "message", message }, { "outcome", outcome } };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        _commandDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void HubInvoked(string method, string outcome) =>
        _hubInvocations.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("outcome", outcome));

    /// <param name="outcome">held, sold_out, limit_reached, not_live.</param>
    /// <param name="answeredBy">inventory (the atomic script decided) or cache (this node's sold-out memory).</param>
    public void FlashSaleDecided(string outcome, string answeredBy) =>
        _flashSaleDecisions.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("answered_by", answeredBy));

    public void CommentBatchPublished(int comments)
    {
        _commentBatches.Add(1);
        _commentBatchSize.Record(comments);
    }

    /// <summary>
    /// Reports <paramref name="projector"/>'s lag from <paramref name="behindSince"/> (the time of the oldest
    /// entry it has not applied, null when caught up) until the returned handle is disposed.
    /// </summary>
    public IDisposable TrackLag(string projector, Func<DateTimeOffset?> behindSince)
    {
        _behindSince[projector] = behindSince;
        return new Untrack(() => _behindSince.TryRemove(projector, out _));
    }

    private IEnumerable<Measurement<double>> ObserveLag()
    {
        var now = _clock.GetUtcNow();
        foreach (var (projector, behindSince) in _behindSince)
        {
            var lag = behindSince() is { } since ? Math.Max(0, (now - since).TotalSeconds) : 0;
            yield return new Measurement<double>(lag, new KeyValuePair<string, object?>("projector", projector));
        }
    }

    private sealed class Untrack(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}

/// <summary>The spans the node starts itself: one per mediator message (Pipeline/LoggingBehavior).</summary>
public static class LiveCommerceTracing
{
    public const string SourceName = "LiveCommerce.Server";

    /// <summary>Static: an <see cref="ActivitySource"/> with no listener (no OTLP endpoint) starts nothing and costs a null check.</summary>
    public static readonly ActivitySource Source = new(SourceName);
}
