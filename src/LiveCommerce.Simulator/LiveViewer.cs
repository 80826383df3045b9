using System.Collections.Concurrent;
using LiveCommerce.Contracts;
using LiveCommerce.Contracts.Sequencing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Simulator;

public enum WireProtocol
{
    Json,
    MessagePack,
}

/// <summary>
/// A viewer over a real SignalR connection. It applies each stream's events exactly once in seq
/// order (<see cref="SeqGate"/>), rejoins with its last seq after a reconnect, and rejoins early
/// when a gap waits too long. Tests, the demo crowd and the benchmarks all watch through it.
/// </summary>
public sealed class LiveViewer : IAsyncDisposable
{
    private static readonly TimeSpan GapPatience = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, SeqGate> _gates = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<LiveEvent>> _applied = new();
    private readonly ConcurrentQueue<(string Method, object Payload)> _state = new();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly ConcurrentDictionary<string, byte> _rejoining = new();
    private readonly Timer _gapCheck;

    private LiveViewer(HubConnection connection)
    {
        Connection = connection;
        Hub = new LiveHubProxy(connection);
        Connection.OnEveryPush(Receive);

        // Checked on a clock, not only on arrival: a gap at the end of a burst has no later event to notice it.
        _gapCheck = new Timer(_ => RejoinOverdueGaps(), null, GapPatience / 4, GapPatience / 4);

        Connection.Reconnected += async _ =>
        {
            foreach (var streamId in _gates.Keys)
            {
                await JoinAsync(streamId, _gates[streamId].Last);
            }
        };
    }

    public HubConnection Connection { get; }

    /// <summary>The hub's methods, typed (<see cref="ILiveHub"/>), over <see cref="Connection"/>.</summary>
    public LiveHubProxy Hub { get; }

    /// <summary>Raised after events are applied or state arrives; for UIs and load drivers.</summary>
    public event Action<string, object>? Received;

    public static Task<LiveViewer> ConnectAsync(
        Uri server, string token, WireProtocol protocol = WireProtocol.Json, bool reconnect = true, CancellationToken ct = default) =>
        ConnectAsync(server, () => Task.FromResult(token), protocol, reconnect, ct);

    /// <param name="tokens">Asked for a token at every (re)connection: the server closes a connection when its token expires.</param>
    public static async Task<LiveViewer> ConnectAsync(
        Uri server, Func<Task<string>> tokens, WireProtocol protocol = WireProtocol.Json, bool reconnect = true, CancellationToken ct = default)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/live"), o =>
            {
                o.AccessTokenProvider = async () => await tokens();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            });
        builder = protocol == WireProtocol.MessagePack
            ? builder.AddMessagePackProtocol()
            : builder.AddJsonProtocol(WireJson.Configure);
        if (reconnect)
        {
            builder = builder.WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)]);
        }

        var viewer = new LiveViewer(builder.Build());
        await viewer.Connection.StartAsync(ct);
        return viewer;
    }

    public async Task<StreamSnapshot> JoinAsync(string streamId, long? lastSeq = null, CancellationToken ct = default)
    {
        var gate = _gates.GetOrAdd(streamId, _ => new SeqGate());
        if (lastSeq > gate.Last)
        {
            gate.Reset(lastSeq.Value); // resuming from what an earlier session saw
        }

        var snapshot = await Hub.WithCancellation(ct).JoinStream(streamId, lastSeq);
        if (!snapshot.CaughtUp)
        {
            // Too far behind or a first join: the snapshot is the truth from its seq on.
            gate.Reset(snapshot.Seq);
        }

        LastSnapshot = snapshot;
        Signal();
        return snapshot;
    }

    public Task LeaveAsync(string streamId) => Hub.LeaveStream(streamId);

    public StreamSnapshot? LastSnapshot { get; private set; }

    public long LastSeq(string streamId) => _gates.TryGetValue(streamId, out var g) ? g.Last : 0;

    /// <summary>Events applied for the stream, in the order applied (which is seq order).</summary>
    public IReadOnlyList<LiveEvent> Events(string streamId) => _applied.TryGetValue(streamId, out var q) ? q.ToArray() : [];

    public IReadOnlyList<T> States<T>() => _state.Select(s => s.Payload).OfType<T>().ToArray();

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking on every arrival.</summary>
    public async Task WaitUntilAsync(Func<LiveViewer, bool> condition, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition(this))
        {
            try
            {
                await _changed.WaitAsync(TimeSpan.FromMilliseconds(250), cts.Token);
            }
            catch (OperationCanceledException)
            {
                var streams = string.Join(", ", _gates.Select(g => $"{g.Key} at seq {g.Value.Last}, {g.Value.Pending} waiting behind a gap"));
                throw new TimeoutException($"Timed out after {timeout} waiting for {what} ({streams}).");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gapCheck.DisposeAsync();
        await Connection.DisposeAsync();
        _changed.Dispose();
    }

    private void Receive(string method, object payload)
    {
        if (payload is LiveEvent e)
        {
            var gate = _gates.GetOrAdd(e.StreamId, _ => new SeqGate());
            var now = DateTimeOffset.UtcNow;
            foreach (var ready in gate.Offer(e, now))
            {
                _applied.GetOrAdd(e.StreamId, _ => new()).Enqueue(ready);
                Received?.Invoke(method, ready);
            }
        }
        else
        {
            if (payload is StreamHead head && _gates.TryGetValue(head.StreamId, out var gate))
            {
                gate.Heard(head.Seq, DateTimeOffset.UtcNow);
            }

            _state.Enqueue((method, payload));
            Received?.Invoke(method, payload);
        }

        Signal();
    }

    /// <summary>An event lost in flight (a node died between log and send) is fetched from the log by rejoining.</summary>
    private void RejoinOverdueGaps()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (streamId, gate) in _gates)
        {
            if (gate.GapOlderThan(GapPatience, now) && Connection.State == HubConnectionState.Connected && _rejoining.TryAdd(streamId, 0))
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await JoinAsync(streamId, gate.Last);
                    }
                    catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException or IOException)
                    {
                        // The connection is going away; Reconnected rejoins.
                    }
                    finally
                    {
                        _rejoining.TryRemove(streamId, out _);
                    }
                });
            }
        }
    }

    private void Signal()
    {
        if (_changed.CurrentCount == 0)
        {
            _changed.Release();
        }
    }
}
