using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Comments;
using LiveCommerce.Server.Features.Live;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// Collects the comments this node accepted and, once per window, publishes each stream's pending
/// comments as one sequenced <see cref="CommentsAdded"/> (one seq, one group send, one backplane
/// publish) instead of one message per comment. The batch is stored in the stream's recent
/// comments with its seq after it is sequenced and before it is sent, so a snapshot includes
/// exactly what its seq covers.
/// A batch that fails to publish (Redis blip) is retried first in the next window.
/// </summary>
public sealed partial class CommentBatcher(
    ILiveEvents events,
    ICommentStore store,
    IOptions<CommentOptions> options,
    TimeProvider clock,
    ILogger<CommentBatcher> logger,
    LiveCommerceMetrics? metrics = null) : BackgroundService, ICommentBatcher
{
    private readonly Lock _lock = new();
    private Dictionary<string, List<CommentDto>> _pending = [];

    public void Enqueue(string streamId, CommentDto comment)
    {
        lock (_lock)
        {
            if (!_pending.TryGetValue(streamId, out var list))
            {
                _pending[streamId] = list = [];
            }

            list.Add(comment);
        }
    }

    /// <summary>Publishes everything pending now (also used on shutdown).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        Dictionary<string, List<CommentDto>> batch;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = [];
        }

        await Task.WhenAll(batch.Select(p => PublishStreamAsync(p.Key, p.Value, ct)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BatchWindow, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        // Accepted comments still waiting go out before the node stops.
        await FlushAsync(CancellationToken.None);
    }

    private async Task PublishStreamAsync(string streamId, List<CommentDto> comments, CancellationToken ct)
    {
        var max = options.Value.MaxBatchSize;
        for (var i = 0; i < comments.Count; i += max)
        {
            var chunk = comments.GetRange(i, Math.Min(max, comments.Count - i));
            try
            {
                // Stored before it is sent: a viewer joining right after the send finds it in the snapshot.
                await events.PublishAsync(new CommentsAdded { StreamId = streamId, At = clock.GetUtcNow(), Comments = chunk },
                    published => store.AddRecentAsync(streamId, published.Seq, chunk, options.Value.RecentCount * 2, ct), ct);
                metrics?.CommentBatchPublished(chunk.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPublishFailed(logger, streamId, comments.Count - i, e);
                Requeue(streamId, comments.GetRange(i, comments.Count - i));
                return;
            }
        }
    }

    private void Requeue(string streamId, List<CommentDto> comments)
    {
        lock (_lock)
        {
            if (_pending.TryGetValue(streamId, out var later))
            {
                comments.AddRange(later);
            }

            // Bounded: a stream whose publishes keep failing does not grow memory without end.
            _pending[streamId] = comments.Count > 10_000 ? comments[^10_000..] : comments;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Count} comments of stream {StreamId} failed; retrying next window")]
    private static partial void LogPublishFailed(ILogger logger, string streamId, int count, Exception exception);
}
