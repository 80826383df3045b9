using Microsoft.JSInterop;

namespace LiveCommerce.Client.Auth;

/// <summary>Where a signed-in account's token survives reloads.</summary>
public interface ITokenStore
{
    ValueTask<string?> ReadAsync();

    /// <summary>Stores <paramref name="value"/>, or forgets the stored one when null.</summary>
    ValueTask WriteAsync(string? value);
}

/// <summary>
/// <c>localStorage</c>, shared by the tabs of one origin. Falls back to memory when the browser
/// refuses storage (some private modes), so signing in still works for the tab.
/// </summary>
public sealed class BrowserTokenStore(IJSRuntime js) : ITokenStore
{
    public const string Key = "livecommerce.auth";
    private bool _unavailable;
    private string? _memory;

    public async ValueTask<string?> ReadAsync()
    {
        if (_unavailable)
        {
            return _memory;
        }

        try
        {
            return await js.InvokeAsync<string?>("localStorage.getItem", Key);
        }
        catch (JSException)
        {
            _unavailable = true;
            return _memory;
        }
    }

    public async ValueTask WriteAsync(string? value)
    {
        _memory = value;
        if (_unavailable)
        {
            return;
        }

        try
        {
            if (value is null)
            {
                await js.InvokeVoidAsync("localStorage.removeItem", Key);
            }
            else
            {
                await js.InvokeVoidAsync("localStorage.setItem", Key, value);
            }
        }
        catch (JSException)
        {
            _unavailable = true;
        }
    }
}
