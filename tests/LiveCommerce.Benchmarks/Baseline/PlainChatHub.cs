using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveCommerce.Benchmarks.Baseline;

/// <summary>
/// The naive way, as in the ASP.NET Core SignalR chat sample: join a group, and the server
/// broadcasts each message to it with <c>Clients.Group(g).SendAsync("Receive", payload)</c> over
/// JSON. No sequence log, no resume, no auth, no presence.
/// </summary>
public sealed class PlainChatHub(SharedDecision decision) : Hub
{
    /// <summary>The client method each broadcast event is sent to.</summary>
    public const string ReceivePush = "Receive";

    /// <summary>The client method each comment is sent to.</summary>
    public const string CommentPush = "Comment";

    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    /// <summary>The chat sample's SendMessage: each comment goes to the group as it comes, one frame per comment.</summary>
    public Task SendComment(string text) =>
        Clients.Group(PlainServer.Group).SendAsync(CommentPush, new PlainComment(Guid.NewGuid().ToString("N"), Context.ConnectionId, text, DateTimeOffset.UtcNow));

    /// <summary>
    /// Our <c>Reserve</c>'s signature and answer without deciding anything: what one SignalR round
    /// trip costs on this machine, the ceiling of any design that answers each buyer over its own call.
    /// </summary>
    public ReserveResult Reserve(string? streamId, string saleId, int quantity, string key) => SoldOut;

    /// <summary>
    /// The same answer, after waiting for one decision shared by every call that arrives before it is
    /// made, as ours waits for Redis to say a rushed sale has sold out (see <see cref="SharedDecision"/>).
    /// </summary>
    public async ValueTask<ReserveResult> ReserveAfterSharedWait(string? streamId, string saleId, int quantity, string key)
    {
        await decision.NextAsync();
        return SoldOut;
    }

    private static readonly ReserveResult SoldOut = new(ReserveOutcome.SoldOut, null, null, 0, 0);
}

public sealed record PlainComment(string Id, string UserId, string Text, DateTimeOffset At);

/// <summary>
/// A decision <see cref="Delay"/> in the making: the first call to wait starts it, every call until it is
/// made waits for it, and the next call after starts another. In a rush ours learns that a sale has sold
/// out from Redis only a few rounds in, so nearly every call of the rush waits and is answered at once
/// at the end; <see cref="Delay"/> is the short end of that wait (docs/BENCHMARKS.md, "Shared-wait baseline").
/// </summary>
public sealed class SharedDecision
{
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(50);
    private readonly Lock _lock = new();
    private Task _pending = Task.CompletedTask;

    public Task NextAsync()
    {
        lock (_lock)
        {
            if (_pending.IsCompleted)
            {
                _pending = Task.Delay(Delay);
            }

            return _pending;
        }
    }
}

/// <summary>The plain hub on its own Kestrel app on loopback.</summary>
public sealed class PlainServer : IAsyncDisposable
{
    public const string Group = "room";
    private readonly WebApplication _app;
    private readonly IHubContext<PlainChatHub> _hub;
    private readonly SemaphoreSlim _order = new(1, 1);
    private long _seq;

    private PlainServer(WebApplication app)
    {
        _app = app;
        _hub = app.Services.GetRequiredService<IHubContext<PlainChatHub>>();
        Address = new Uri(app.Urls.First());
    }

    public Uri Address { get; }

    public long LastSeq => Interlocked.Read(ref _seq);

    public static async Task<PlainServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSignalR().AddMessagePackProtocol();
        builder.Services.AddSingleton<SharedDecision>();
        var app = builder.Build();
        app.MapHub<PlainChatHub>("/chat");
        await app.StartAsync();
        return new PlainServer(app);
    }

    /// <summary>Broadcasts the same event our server sends, numbered here so clients can count what they lost.</summary>
    /// One send at a time, so the numbering is the send order (two publishing loops would otherwise race).
    public async Task BroadcastAsync(StreamUpdated payload)
    {
        await _order.WaitAsync();
        try
        {
            await _hub.Clients.Group(Group).SendAsync(PlainChatHub.ReceivePush, payload with { Seq = Interlocked.Increment(ref _seq), At = DateTimeOffset.UtcNow });
        }
        finally
        {
            _order.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
        _order.Dispose();
    }
}

/// <summary>A chat-sample client: counts what arrives and what it can tell it lost from the numbering.</summary>
public sealed class PlainClient(Uri server, Action<LiveEvent> onReceived, WireProtocol protocol = WireProtocol.Json) : IAsyncDisposable
{
    /// <summary>SignalR's default JSON settings, one instance per process as for our crowd (see <c>Simulator.WireJson</c>).</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Json = new JsonHubProtocolOptions().PayloadSerializerOptions;

    private readonly Lock _lock = new();
    private HubConnection? _connection;

    public long Last { get; private set; } = -1;

    public long Received { get; private set; }

    public long Missed { get; private set; }

    public long Duplicated { get; private set; }

    /// <summary>Set before connecting to receive the plain hub's comments.</summary>
    public Action<PlainComment>? OnComment { get; init; }

    public async Task ConnectAndJoinAsync(CancellationToken ct)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/chat"), o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            });
        var connection = (protocol == WireProtocol.MessagePack ? builder.AddMessagePackProtocol() : builder.AddJsonProtocol(o => o.PayloadSerializerOptions = Json)).Build();
        connection.On<StreamUpdated>(PlainChatHub.ReceivePush, Receive);
        if (OnComment is { } onComment)
        {
            connection.On<PlainComment>(PlainChatHub.CommentPush, onComment);
        }

        await connection.StartAsync(ct);
        await connection.InvokeAsync(nameof(PlainChatHub.Join), PlainServer.Group, ct);
        _connection = connection;
    }

    /// <summary>Joined from <paramref name="seq"/> on: what came before is not this client's to miss.</summary>
    public void StartFrom(long seq)
    {
        lock (_lock)
        {
            Last = Last < 0 ? seq : Last;
        }
    }

    public Task<T> InvokeAsync<T>(string method, object?[] args, CancellationToken ct = default) =>
        (_connection ?? throw new InvalidOperationException("Connect first.")).InvokeCoreAsync<T>(method, args, ct);

    public Task SendCommentAsync(string text, CancellationToken ct = default) =>
        (_connection ?? throw new InvalidOperationException("Connect first.")).InvokeAsync(nameof(PlainChatHub.SendComment), text, ct);

    public async Task DropAsync()
    {
        if (_connection is { } c)
        {
            _connection = null;
            await c.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(DropAsync());

    private void Receive(StreamUpdated e)
    {
        lock (_lock)
        {
            if (Last < 0)
            {
                Last = e.Seq - 1;
            }

            if (e.Seq <= Last)
            {
                Duplicated++;
                return;
            }

            Missed += e.Seq - Last - 1;
            Last = e.Seq;
            Received++;
        }

        onReceived(e);
    }
}
