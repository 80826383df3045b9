using Microsoft.JSInterop;

namespace LiveCommerce.Client.Realtime;

/// <summary>The browser's online/offline signal (<c>wwwroot/js/network.js</c>).</summary>
public sealed class BrowserNetwork(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private IJSObjectReference? _subscription;
    private DotNetObjectReference<BrowserNetwork>? _self;

    /// <summary>Raised with true when the network comes back, false when it goes away.</summary>
    public event Action<bool>? Changed;

    public async Task StartAsync()
    {
        if (_module is not null)
        {
            return;
        }

        try
        {
            _module = await js.InvokeAsync<IJSObjectReference>("import", "./js/network.js");
            _self = DotNetObjectReference.Create(this);
            _subscription = await _module.InvokeAsync<IJSObjectReference>("watch", _self);
        }
        catch (JSException)
        {
            // Without the signal the hub's own keep-alive still notices a dead connection, only later.
        }
    }

    [JSInvokable]
    public void OnNetworkChanged(bool online) => Changed?.Invoke(online);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_subscription is not null)
            {
                await _subscription.InvokeVoidAsync("dispose");
                await _subscription.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The page is going away.
        }

        _self?.Dispose();
    }
}
