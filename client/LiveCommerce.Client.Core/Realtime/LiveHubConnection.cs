using LiveCommerce.Client.Auth;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Client.Realtime;

/// <summary>
/// The app's one connection to <c>/hubs/live</c>. Pages join the streams they show and subscribe
/// to <see cref="StreamChanged"/>; everything else happens here:
/// <list type="bullet">
/// <item>a token for the hub (the signed-in account's, else a guest's), renewed on sign-in/out;</item>
/// <item>WebSockets only, without negotiation, so any node behind a load balancer can answer;</item>
/// <item>reconnecting forever, and on reconnect rejoining every joined stream with its last seq
/// so the server replays exactly what was missed (or sends a fresh snapshot);</item>
/// <item>applying each stream's sequenced events exactly once, in order, through a SeqGate
/// (<see cref="StreamSubscriptions"/>), and rejoining when a gap stays open too long.</item>
/// </list>
/// Handlers for every <see cref="ILiveClient"/> method are registered by reflection
/// (<see cref="LiveClientPushes"/>), so events that features add to the partial interface arrive
/// without touching this class. Components call the hub through <see cref="Hub"/>.
/// </summary>
public sealed partial class LiveHubConnection : ILivePushes, IAsyncDisposable
{
    /// <summary>The hub's path on the server (LiveHub.Path).</summary>
    public const string HubPath = "/hubs/live";

    private static readonly TimeSpan RetryJoinAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan GapCheckInterval = TimeSpan.FromSeconds(1);

    private readonly HubConnection _hub;
    private readonly LiveHubProxy _server;
    private readonly AuthSession _auth;
    private readonly BrowserNetwork _network;
    private readonly TimeProvider _clock;
    private readonly ILogger<LiveHubConnection> _logger;
    private readonly StreamSubscriptions _streams = new();
    private readonly CancellationTokenSource _lifetime = new();
    private CancellationTokenSource _retryWait = new();
    private Task? _connectLoop;
    private Task? _gapWatch;
    private bool _everConnected;
    private bool _renewing;
    private bool _disposed;
    private string? _tokenUserId;
    private string? _tokenRole;
    private bool _tokenIsAccount;
    private int _listeners;

    public LiveHubConnection(ApiOrigin origin, AuthSession auth, BrowserNetwork network, TimeProvider clock, ILogger<LiveHubConnection> logger)
    {
        _auth = auth;
        _network = network;
        _clock = clock;
        _logger = logger;
        _hub = new HubConnectionBuilder()
            .WithUrl(origin.Resolve(HubPath), o =>
            {
                o.AccessTokenProvider = ProvideTokenAsync;
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = ApiJson.Options)
            .WithAutomaticReconnect(new ReconnectPolicy(OnRetry))
            .Build();
        _server = new LiveHubProxy(_hub, _lifetime.Token);
        Hub = new LiveHubProxy(CallAsync);
        _hub.OnEveryPush(Receive);

        _hub.Reconnecting += OnReconnecting;
        _hub.Reconnected += _ => OnConnectedAsync();
        _hub.Closed += OnClosed;
        _auth.Changed += OnAuthChanged;
        _network.Changed += OnNetworkChanged;
    }

    public ConnectionState State { get; private set; } = ConnectionState.Disconnected;

    /// <summary>
    /// The hub's methods (host and feature actions). Refusals arrive as <see cref="ApiException"/>
    /// with the server's code; while disconnected a call is refused with <c>unavailable</c>.
    /// </summary>
    public ILiveHub Hub { get; }

    /// <summary>Raised when <see cref="State"/> changes.</summary>
    public event Action<ConnectionState>? StateChanged;

    /// <summary>Raised whenever a joined stream's <see cref="LiveStreamState"/> changes.</summary>
    public event Action<LiveStreamState>? StreamChanged;

    /// <summary>Each sequenced event, once, in seq order per stream, after it was applied to the stream's state.</summary>
    public event Action<LiveEvent>? EventApplied;

    /// <summary>Each unsequenced latest-state push (method name, payload), e.g. ViewerCountChanged.</summary>
    public event Action<string, object>? Received;

    /// <summary>The state of a joined stream; null when nobody joined it.</summary>
    public LiveStreamState? GetStream(string streamId) => _streams.Get(streamId);

    /// <summary>
    /// Starts watching a stream: connects if needed and joins it on the server (now, or as soon as
    /// the connection is up). Returns once the join was sent; the snapshot arrives through
    /// <see cref="StreamChanged"/>. Several components may join the same stream; each must
    /// <see cref="LeaveAsync"/> once.
    /// </summary>
    public Task JoinAsync(string streamId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_streams.Track(streamId))
        {
            return Task.CompletedTask; // already joined for another component; the state is shared
        }

        EnsureStarted();

        // Otherwise the connection being made (or renewed) joins every tracked stream once it is up.
        return _hub.State == HubConnectionState.Connected && !_renewing ? JoinOnServerAsync(streamId) : Task.CompletedTask;
    }

    /// <summary>Connects for this account's own pushes while at least one component listens (<see cref="ILivePushes.Listen"/>).</summary>
    public void Listen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Interlocked.Increment(ref _listeners);
        EnsureStarted();
    }

    public void StopListening() => Interlocked.Decrement(ref _listeners);

    /// <summary>Stops watching; the last component to leave a stream leaves it on the server.</summary>
    public async Task LeaveAsync(string streamId)
    {
        if (_disposed || !_streams.Release(streamId) || _hub.State != HubConnectionState.Connected)
        {
            return;
        }

        try
        {
            await _server.LeaveStream(streamId);
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException or IOException)
        {
            // Best effort: the server drops the membership with the connection anyway.
            LogLeaveFailed(_logger, streamId, e.Message);
        }
    }


    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _auth.Changed -= OnAuthChanged;
        _network.Changed -= OnNetworkChanged;
        await _lifetime.CancelAsync();
        await _hub.DisposeAsync();
        SetState(ConnectionState.Disconnected);
        _lifetime.Dispose();
        _retryWait.Dispose();
    }

    private DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>What <see cref="Hub"/>'s calls go through.</summary>
    private async Task<object?> CallAsync(string method, Type returnType, object?[] args, CancellationToken ct)
    {
        EnsureStarted();
        if (_hub.State != HubConnectionState.Connected)
        {
            throw new ApiException(ErrorCodes.Unavailable, "Not connected to the live service yet; try again in a moment.");
        }

        try
        {
            return await _hub.InvokeCoreAsync(method, returnType, args, ct);
        }
        catch (HubException e)
        {
            throw ApiException.FromHubError(e);
        }
    }

    // A new role counts too: the hub reads it from the token (a viewer who just became a host needs the host's token).
    private bool IdentityChanged =>
        _tokenUserId is not null && (_auth.IsSignedIn ? _auth.User?.UserId != _tokenUserId || _auth.User?.Role != _tokenRole : _tokenIsAccount);

    private void EnsureStarted()
    {
        if (_disposed || _renewing || _connectLoop is { IsCompleted: false } || _hub.State != HubConnectionState.Disconnected)
        {
            return;
        }

        _connectLoop = ConnectLoopAsync();
        Forget(_connectLoop);
        _gapWatch ??= WatchGapsAsync();
        Forget(_network.StartAsync());
    }

    /// <summary>The first connection (and the one after a close or a sign-in change); the hub's own reconnect covers drops.</summary>
    private async Task ConnectLoopAsync()
    {
        SetState(_everConnected ? ConnectionState.Reconnecting : ConnectionState.Connecting);
        for (var attempt = 0L; ; attempt++)
        {
            try
            {
                await _hub.StartAsync(_lifetime.Token);
                break;
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
                return;
            }
            catch (InvalidOperationException) when (_hub.State != HubConnectionState.Disconnected)
            {
                return; // someone else (the hub's reconnect) is already at it
            }
            catch (Exception e)
            {
                LogConnectFailed(_logger, attempt, e.Message);
                await _auth.ConnectionRefusedAsync();
#pragma warning disable CA5394 // Jitter, not security.
                if (!await WaitBeforeRetryAsync(ReconnectPolicy.Delay(attempt + 1, Random.Shared.NextDouble())))
#pragma warning restore CA5394
                {
                    return;
                }
            }
        }

        await OnConnectedAsync();
    }

    /// <summary>Waits, or less when the network comes back; false when shutting down.</summary>
    private async Task<bool> WaitBeforeRetryAsync(TimeSpan delay)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token, _retryWait.Token);
        try
        {
            await Task.Delay(delay, _clock, both.Token);
        }
        catch (OperationCanceledException)
        {
            // Woken early by the network coming back, or shutting down.
        }

        return !_lifetime.IsCancellationRequested;
    }

    /// <summary>Connected (first time or again): rejoin every watched stream from its last seq, then report Connected.</summary>
    private async Task OnConnectedAsync()
    {
        _everConnected = true;
        LogConnected(_logger, _tokenIsAccount ? _tokenUserId : "a guest");
        await Task.WhenAll(_streams.StreamIds.Select(JoinOnServerAsync));
        if (_hub.State == HubConnectionState.Connected)
        {
            SetState(ConnectionState.Connected);
        }

        if (IdentityChanged)
        {
            Forget(RenewAsync()); // signed in or out while this connection was being made
        }
    }

    /// <summary>Joins (or rejoins) one stream. Never throws: failures end in the stream's state or a later retry.</summary>
    private async Task JoinOnServerAsync(string streamId)
    {
        if (_streams.BeginJoin(streamId) is not { } ticket)
        {
            return;
        }

        StreamSnapshot snapshot;
        try
        {
            snapshot = await _server.JoinStream(streamId, ticket.LastSeq);
        }
        catch (HubException e)
        {
            var error = ApiException.FromHubError(e);
            LogJoinRefused(_logger, streamId, error.Code, error.Message);
            if (error.Code == ErrorCodes.InvalidLastSeq)
            {
                // Our seq is ahead of the server's log (it restarted without its history): start over.
                Publish(_streams.FailJoin(ticket, null, Now));
                _streams.RequireFullSnapshot(streamId);
                await JoinOnServerAsync(streamId);
            }
            else if (error.IsTransient)
            {
                Publish(_streams.FailJoin(ticket, null, Now));
                Forget(RejoinLaterAsync(streamId));
            }
            else
            {
                Publish(_streams.FailJoin(ticket, error.Code, Now));
            }

            return;
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            // The connection went away mid-call. Its reconnect rejoins; if it is already back, retry.
            LogJoinInterrupted(_logger, streamId, e.Message);
            Publish(_streams.FailJoin(ticket, null, Now));
            Forget(RejoinLaterAsync(streamId));
            return;
        }

        Publish(_streams.CompleteJoin(ticket, snapshot, Now));
    }

    private async Task RejoinLaterAsync(string streamId)
    {
        try
        {
            await Task.Delay(RetryJoinAfter, _clock, _lifetime.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (_hub.State == HubConnectionState.Connected && _streams.IsTracked(streamId))
        {
            await JoinOnServerAsync(streamId);
        }
    }

    /// <summary>Rejoins streams whose gap stayed open too long (an event lost between two nodes).</summary>
    private async Task WatchGapsAsync()
    {
        using var timer = new PeriodicTimer(GapCheckInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_lifetime.Token))
            {
                if (_hub.State != HubConnectionState.Connected)
                {
                    continue;
                }

                foreach (var streamId in _streams.OverdueGaps(Now))
                {
                    LogGapRejoin(_logger, streamId);
                    Forget(JoinOnServerAsync(streamId));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void Receive(string method, object payload)
    {
        switch (payload)
        {
            case LiveEvent e:
                Publish(_streams.Offer(e, Now));
                break;
            case StreamHead head:
                _streams.Heard(head, Now);
                break;
            case ViewerCountChanged count:
                if (_streams.Apply(count) is { } state)
                {
                    StreamChanged?.Invoke(state);
                }

                Received?.Invoke(method, count);
                break;
            case StockChanged stock:
                foreach (var changed in _streams.Apply(stock))
                {
                    StreamChanged?.Invoke(changed);
                }

                Received?.Invoke(method, stock);
                break;
            case HostMetricsChanged metrics:
                if (_streams.Apply(metrics) is { } measured)
                {
                    StreamChanged?.Invoke(measured);
                }

                Received?.Invoke(method, metrics);
                break;
            case ReactionsTallied tally:
                if (_streams.Apply(tally) is { } tallied)
                {
                    StreamChanged?.Invoke(tallied);
                }

                Received?.Invoke(method, tally);
                break;
            default:
                Received?.Invoke(method, payload);
                break;
        }
    }

    private void Publish(StreamUpdate? update)
    {
        if (update is null)
        {
            return;
        }

        foreach (var e in update.Applied)
        {
            EventApplied?.Invoke(e);
        }

        StreamChanged?.Invoke(update.State);
    }

    private Task OnReconnecting(Exception? error)
    {
        LogReconnecting(_logger, error?.Message);
        SetState(ConnectionState.Reconnecting);
        MarkAllUnsynced();
        return Task.CompletedTask;
    }

    private Task OnClosed(Exception? error)
    {
        // Closed is raised after StopAsync returns, so a renewal may already be connecting again
        // (or be connected and rejoined): then this close is old news.
        if (_disposed || _renewing || _connectLoop is { IsCompleted: false } || _hub.State != HubConnectionState.Disconnected)
        {
            return Task.CompletedTask;
        }

        MarkAllUnsynced();
        LogClosed(_logger, error?.Message);
        if (_streams.StreamIds.Count == 0 && Volatile.Read(ref _listeners) <= 0)
        {
            SetState(ConnectionState.Disconnected); // nobody is watching; the next join connects again
            return Task.CompletedTask;
        }

        EnsureStarted();
        return Task.CompletedTask;
    }

    private void OnRetry(RetryContext context)
    {
        // From the second reconnect attempt on, the failure was our attempt's, and browsers hide a
        // WebSocket's 401: let the session drop a token the server may no longer accept.
        if (context.PreviousRetryCount > 0)
        {
            Forget(_auth.ConnectionRefusedAsync());
        }
    }

    private void OnAuthChanged()
    {
        if (IdentityChanged && _hub.State == HubConnectionState.Connected)
        {
            Forget(RenewAsync());
        }
    }

    private void OnNetworkChanged(bool online)
    {
        if (online)
        {
            // Cut the current wait short: the network is back.
            var wait = _retryWait;
            _retryWait = new CancellationTokenSource();
            wait.Cancel();
            wait.Dispose();
            if (_hub.State == HubConnectionState.Reconnecting)
            {
                Forget(RenewAsync()); // skip the rest of the hub's own back-off
            }
            else
            {
                EnsureStarted();
            }
        }
        else if (_hub.State == HubConnectionState.Connected)
        {
            // The socket may look open for a while yet; treat it as lost now.
            Forget(RenewAsync());
        }
    }

    /// <summary>Reconnects as the current identity (after sign-in/out, or to drop a dead socket).</summary>
    private async Task RenewAsync()
    {
        if (_renewing || _disposed)
        {
            return;
        }

        _renewing = true;
        try
        {
            SetState(ConnectionState.Reconnecting);
            MarkAllUnsynced();
            await _hub.StopAsync();
        }
        finally
        {
            _renewing = false;
        }

        EnsureStarted();
    }

    /// <summary>
    /// Asked on every connect and every automatic reconnect, so a connection the server closed when
    /// its token expired comes back with a fresh one (the session refreshes tokens near expiry).
    /// </summary>
    private async Task<string?> ProvideTokenAsync()
    {
        var token = await _auth.GetTokenAsync(_lifetime.Token);
        _tokenUserId = _auth.User?.UserId;
        _tokenRole = _auth.User?.Role;
        _tokenIsAccount = _auth.IsSignedIn;
        return token;
    }

    private void MarkAllUnsynced()
    {
        foreach (var state in _streams.MarkAllUnsynced())
        {
            StreamChanged?.Invoke(state);
        }
    }

    private void SetState(ConnectionState state)
    {
        if (State == state)
        {
            return;
        }

        State = state;
        StateChanged?.Invoke(state);
    }

    private void Forget(Task task) =>
        _ = task.ContinueWith(
            t => LogBackgroundFailed(_logger, t.Exception!.GetBaseException()),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live connection up as {Who}")]
    private static partial void LogConnected(ILogger logger, string? who);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live connection attempt {Attempt} failed: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, long attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live connection lost, reconnecting: {Reason}")]
    private static partial void LogReconnecting(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live connection closed: {Reason}")]
    private static partial void LogClosed(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Joining {StreamId} refused: {Code} {Detail}")]
    private static partial void LogJoinRefused(ILogger logger, string streamId, string code, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Joining {StreamId} interrupted: {Reason}")]
    private static partial void LogJoinInterrupted(ILogger logger, string streamId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leaving {StreamId} failed: {Reason}")]
    private static partial void LogLeaveFailed(ILogger logger, string streamId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "A gap in {StreamId} stayed open; rejoining from the last seq")]
    private static partial void LogGapRejoin(ILogger logger, string streamId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Live connection background work failed")]
    private static partial void LogBackgroundFailed(ILogger logger, Exception exception);
}
