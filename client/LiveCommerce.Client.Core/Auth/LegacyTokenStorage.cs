using Microsoft.JSInterop;

namespace LiveCommerce.Client.Auth;

/// <summary>
/// Before real accounts the app kept the signed-in token in <c>localStorage</c>. Tokens now live in
/// memory only (a reload restores the session from the HttpOnly refresh cookie); this removes what
/// an older version of the app left behind, so no token stays readable by scripts.
/// </summary>
public static class LegacyTokenStorage
{
    public const string Key = "livecommerce.auth";

    public static async Task ForgetAsync(IJSRuntime js)
    {
        try
        {
            await js.InvokeVoidAsync("localStorage.removeItem", Key);
        }
        catch (JSException)
        {
            // Storage refused (some private modes): then nothing was stored either.
        }
    }
}
