using LiveCommerce.Contracts;
using LiveCommerce.Contracts.Sequencing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Simulator;

/// <summary>
/// A lightweight viewer of one stream for load: a real SignalR connection and the real
/// <see cref="SeqGate"/>, but no per-event storage — only counters, and a callback per applied
/// event (for latency). Thousands fit in one process. It checks the seq protocol itself: every
/// applied event must be exactly the one after the previous, so gaps and duplicates are counted,
/// not assumed away. It does not reconnect by itself; load drivers drop and rejoin explicitly.
/// </summary>
public sealed class CrowdClient : IAsyncDisposable
{
    private readonly Uri _server;
    private readonly string _token;
    private readonly WireProtocol _protocol;
    private readonly Action<LiveEvent>? _onApplied;
    private readonly SeqGate _gate = new();
    private readonly Lock _lock = new();
    private HubConnection? _connection;
    private long _lastApplied = -1;
    private List<LiveEvent>? _early;

    public CrowdClient(Uri server, string token, string streamId, WireProtocol protocol = WireProtocol.Json, Action<LiveEvent>? onApplied = null)
    {
        _server = server;
        _token = token;
        StreamId = streamId;
        _protocol = protocol;
        _onApplied = onApplied;
        Hub = new LiveHubProxy((method, returns, args, ct) =>
            (_connection ?? throw new InvalidOperationException("Connect first.")).InvokeCoreAsync(method, returns, args, ct));
    }

    /// <summary>The hub's methods as this viewer (a comment, a reservation), on its current connection.</summary>
    public LiveHubProxy Hub { get; }

    public string StreamId { get; }

    /// <summary>The last seq applied (or covered by a snapshot).</summary>
    public long Last => _gate.Last;

    /// <summary>Events applied, each exactly once and in order.</summary>
    public long Applied { get; private set; }

    /// <summary>Deliveries of a seq already applied (catch-up and live overlap); harmless, dropped by the gate.</summary>
    public long DuplicatesReceived { get; private set; }

    /// <summary>Applied events that repeated an earlier seq. Must stay 0.</summary>
    public long DuplicatesApplied { get; private set; }

    /// <summary>Seqs skipped, by a gap in what was applied or by a fresh snapshot replacing catch-up. Must stay 0.</summary>
    public long Missed { get; private set; }

    /// <summary>Joins that answered with a fresh snapshot instead of catch-up although a lastSeq was passed.</summary>
    public int SnapshotResets { get; private set; }

    public bool Connected => _connection is { State: HubConnectionState.Connected };

    public async Task ConnectAsync(CancellationToken ct = default)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(_server, "/hubs/live"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(_token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            });
        builder = _protocol == WireProtocol.MessagePack
            ? builder.AddMessagePackProtocol()
            : builder.AddJsonProtocol(WireJson.Configure);
        var connection = builder.Build();
        connection.OnEveryPush((_, payload) =>
        {
            if (payload is LiveEvent e)
            {
                Receive(e);
            }
        });

        await connection.StartAsync(ct);
        _connection = connection;
    }

    /// <summary>Joins the stream; after the first join it resumes from <see cref="Last"/>.</summary>
    public async Task<StreamSnapshot> JoinAsync(CancellationToken ct = default)
    {
        long? lastSeq = _lastApplied < 0 ? null : _gate.Last;
        var snapshot = await Hub.WithCancellation(ct).JoinStream(StreamId, lastSeq);
        lock (_lock)
        {
            if (_lastApplied < 0)
            {
                _lastApplied = snapshot.Seq;
                _gate.Reset(snapshot.Seq);
                foreach (var e in _early ?? [])
                {
                    Apply(e);
                }

                _early = null;
            }
            else if (!snapshot.CaughtUp)
            {
                // The server could not replay what we missed: count it as missed, then trust the snapshot.
                SnapshotResets++;
                Missed += Math.Max(0, snapshot.Seq - _lastApplied);
                _lastApplied = Math.Max(_lastApplied, snapshot.Seq);
                _gate.Reset(snapshot.Seq);
            }
        }

        return snapshot;
    }

    /// <summary>Closes the connection at once, as a viewer whose network drops; the seq state stays.</summary>
    public async Task DropAsync()
    {
        if (_connection is { } c)
        {
            _connection = null;
            await c.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(DropAsync());

    private void Receive(LiveEvent e)
    {
        lock (_lock)
        {
            if (_lastApplied < 0)
            {
                // Arrived before the first join answered: kept until the snapshot says where we start.
                (_early ??= []).Add(e);
                return;
            }

            Apply(e);
        }
    }

    private void Apply(LiveEvent e)
    {
        var ready = _gate.Offer(e, DateTimeOffset.UtcNow);
        if (ready.Count == 0 && e.Seq <= _gate.Last)
        {
            DuplicatesReceived++;
        }

        foreach (var applied in ready)
        {
            if (applied.Seq <= _lastApplied)
            {
                DuplicatesApplied++;
                continue;
            }

            Missed += applied.Seq - _lastApplied - 1;
            _lastApplied = applied.Seq;
            Applied++;
            _onApplied?.Invoke(applied);
        }
    }
}
