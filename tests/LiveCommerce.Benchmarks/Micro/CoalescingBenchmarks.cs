using System.Buffers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Comments;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Realtime;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Benchmarks.Micro;

/// <summary>
/// The node's side of coalescing, per publish: 100 comments (or orders) in one window go out as one
/// <see cref="CommentsAdded"/> (<see cref="CommentBatcher"/>) or three <see cref="PurchaseMade"/>
/// (<see cref="PurchaseMoments"/>), against one publish each, the way the chat sample sends. A publish
/// here sequences the event and writes its SignalR frame once (MessagePack), as a group send does per
/// protocol; what coalescing saves per viewer (one frame to write and read instead of 100) comes on
/// top and is measured by the <c>comments</c> scenario. One operation = one comment or order.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CoalescingBenchmarks
{
    public const int PerWindow = 100;

    private CommentDto[] _comments = [];
    private PurchaseMade[] _orders = [];
    private CommentBatcher _batcher = null!;
    private PurchaseMoments _moments = null!;

    internal FrameWriter Events { get; } = new();

    [GlobalSetup]
    public void Setup()
    {
        var at = DateTimeOffset.UtcNow;
        _comments = Enumerable.Range(0, PerWindow)
            .Select(i => new CommentDto($"c-{i}", $"u-{i}", $"Viewer {i}", $"#{i} {CommentNormalizationBenchmarks.Typical}", CommentKind.Text, at))
            .ToArray();
        _orders = Enumerable.Range(0, PerWindow)
            .Select(i => new PurchaseMade { StreamId = "s1", SaleId = "fs-1", BuyerName = $"Buyer {i}", Country = "PT", ProductTitle = "Ivory serum", Quantity = 1 })
            .ToArray();
        _batcher = new CommentBatcher(Events, new LocalCommentStore(), Options.Create(new CommentOptions()), TimeProvider.System, NullLogger<CommentBatcher>.Instance);
        _moments = new PurchaseMoments(Events, Options.Create(new FlashSaleOptions()), TimeProvider.System, NullLogger<PurchaseMoments>.Instance);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PerWindow)]
    [BenchmarkCategory("comments")]
    public async Task<long> Comments_OnePublishEach()
    {
        foreach (var comment in _comments)
        {
            await Events.PublishAsync(new CommentsAdded { StreamId = "s1", Comments = [comment] });
        }

        return Events.Bytes;
    }

    [Benchmark(OperationsPerInvoke = PerWindow)]
    [BenchmarkCategory("comments")]
    public async Task<long> Comments_CommentBatcher()
    {
        foreach (var comment in _comments)
        {
            _batcher.Enqueue("s1", comment);
        }

        await _batcher.FlushAsync(CancellationToken.None);
        return Events.Bytes;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PerWindow)]
    [BenchmarkCategory("purchases")]
    public async Task<long> Purchases_OnePublishEach()
    {
        foreach (var order in _orders)
        {
            await Events.PublishAsync(order);
        }

        return Events.Bytes;
    }

    [Benchmark(OperationsPerInvoke = PerWindow)]
    [BenchmarkCategory("purchases")]
    public async Task<long> Purchases_PurchaseMoments()
    {
        foreach (var order in _orders)
        {
            _moments.Add(order);
        }

        await _moments.RunOnceAsync(CancellationToken.None);
        return Events.Bytes;
    }

    /// <summary>Sequences each event and writes its hub frame once; counts the bytes so the work is not optimized away.</summary>
    internal sealed class FrameWriter : ILiveEvents
    {
        private readonly MessagePackHubProtocol _protocol = new();
        private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
        private long _seq;

        public long Bytes { get; private set; }

        public int Published { get; private set; }

        public Task<TEvent> PublishAsync<TEvent>(TEvent e, CancellationToken ct = default)
            where TEvent : LiveEvent => PublishAsync(e, static _ => Task.CompletedTask, ct);

        public async Task<TEvent> PublishAsync<TEvent>(TEvent e, Func<TEvent, Task> beforeSend, CancellationToken ct = default)
            where TEvent : LiveEvent
        {
            var sequenced = e with { Seq = ++_seq, At = DateTimeOffset.UtcNow };
            await beforeSend(sequenced);
            _buffer.ResetWrittenCount();
            _protocol.WriteMessage(new InvocationMessage(sequenced.GetType().Name, [sequenced]), _buffer);
            Bytes += _buffer.WrittenCount;
            Published++;
            return sequenced;
        }
    }
}
