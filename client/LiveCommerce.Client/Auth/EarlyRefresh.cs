using Microsoft.JSInterop;

namespace LiveCommerce.Client.Auth;

/// <summary>
/// The answer to the refresh that <c>wwwroot/js/start.js</c> sends while the runtime downloads, so the app starts
/// knowing who is signed in instead of asking for it after it has started: a round trip (0.5 s on a phone) less
/// before the page can be used. Taken once; the status and body as the server sent them.
/// </summary>
public sealed record EarlyRefresh(int Status, string Body)
{
    /// <summary>The answer; null when the request did not reach the server (offline) or was taken already.</summary>
    public static async Task<EarlyRefresh?> TakeAsync(IJSRuntime js)
    {
        try
        {
            return await js.InvokeAsync<EarlyRefresh?>("livecommerce.takeSession");
        }
        catch (JSException)
        {
            return null; // an older start.js, cached: the app asks itself
        }
    }
}
