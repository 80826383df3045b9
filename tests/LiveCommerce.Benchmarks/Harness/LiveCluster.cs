using LiveCommerce.Contracts;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Streams;
using LiveCommerce.Server.Realtime;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Benchmarks.Harness;

/// <summary>
/// Our system under load: 1 or 2 real nodes (production wiring) on loopback, a Redis of its own
/// when the options ask for one, and one live stream with its host.
/// </summary>
public sealed class LiveCluster : IAsyncDisposable
{
    /// <summary>The stream's host (owner).</summary>
    public static readonly Actor Host = new("bench-host", "Bench Host", Roles.Host);
    private readonly RedisServer? _redis;
    private readonly Lock _lock = new();
    private long _published;

    private LiveCluster(RedisServer? redis, IReadOnlyList<TestNode> nodes, StreamDto stream)
    {
        _redis = redis;
        Nodes = nodes;
        Stream = stream;
    }

    public IReadOnlyList<TestNode> Nodes { get; }

    public StreamDto Stream { get; }

    /// <summary>Events published so far through this cluster.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>The highest seq published so far.</summary>
    public long LastSeq { get; private set; }

    /// <summary>The cluster's own redis-server, when the options asked for one.</summary>
    public RedisServer? Redis => _redis;

    /// <summary><paramref name="extra"/>: node settings a scenario changes for the benchmark (each one is printed in its notes).</summary>
    public static async Task<LiveCluster> StartAsync(BenchOptions options, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var redis = options.UsesRedis ? await RedisServer.StartAsync() : null;
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string?>
        {
            // Production-like: the viewer TTL and the count and head intervals of appsettings, not the tests' short ones.
            ["Realtime:ViewerTtl"] = "00:00:15",
            ["Realtime:ViewerCountInterval"] = "00:00:00.500",
            ["Realtime:StreamHeadInterval"] = "00:00:05",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var nodes = new List<TestNode>();
        for (var i = 0; i < options.Nodes; i++)
        {
            nodes.Add(await TestNode.StartAsync(redis?.Configuration, prefix, settings));
        }

        await using var scope = nodes[0].Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var stream = await sender.Send(new ScheduleStream(Host, new ScheduleStreamRequest("Bench stream", "Fan-out under load", DateTimeOffset.UtcNow, null, null)));
        stream = await sender.Send(new StartStream(Host, stream.Id));
        var cluster = new LiveCluster(redis, nodes, stream);
        cluster.LastSeq = await nodes[0].Get<IStreamEventLog>().CurrentSeqAsync(stream.Id);
        return cluster;
    }

    /// <summary>The node viewer <paramref name="i"/> connects to: round robin.</summary>
    public TestNode NodeFor(int i) => Nodes[i % Nodes.Count];

    public string GuestToken(int i) =>
        Nodes[0].Get<TokenIssuer>().Issue(new SessionIdentity($"u-bench-{i}", $"Viewer {i}", Roles.Viewer)).Token;

    /// <summary>A small sequenced event through the real broadcaster (log append, then one group send).</summary>
    public async Task PublishSmallAsync(int node)
    {
        var e = await Nodes[node % Nodes.Count].Get<ILiveEvents>().PublishAsync(new StreamUpdated { StreamId = Stream.Id, Stream = Stream });
        Count(e.Seq);
    }

    /// <summary>The host edits the stream through the whole server path: mediator, validation, store, presence count, publish.</summary>
    public async Task UpdateThroughHandlerAsync(int n)
    {
        await using var scope = Nodes[0].Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new UpdateStream(Host, Stream.Id, new ScheduleStreamRequest($"Bench stream, update {n}", "Fan-out under load", Stream.ScheduledStart, null, null)));
        Count(await Nodes[0].Get<IStreamEventLog>().CurrentSeqAsync(Stream.Id));
    }

    public async Task<long> CurrentSeqAsync() => await Nodes[0].Get<IStreamEventLog>().CurrentSeqAsync(Stream.Id);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private void Count(long seq)
    {
        Interlocked.Increment(ref _published);
        lock (_lock)
        {
            LastSeq = Math.Max(LastSeq, seq);
        }
    }
}
