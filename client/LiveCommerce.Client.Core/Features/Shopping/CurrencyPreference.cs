using System.Globalization;
using Microsoft.JSInterop;

namespace LiveCommerce.Client.Features.Shopping;

/// <summary>
/// The currency prices are shown in: the viewer's pick (localStorage), else their culture's
/// region's currency, else US dollars. Brands are always paid in their own currency; this is display only.
/// </summary>
public sealed class CurrencyPreference(IJSRuntime js)
{
    public const string StorageKey = "livecommerce.currency";
    private bool _loaded;

    public string Code { get; private set; } = "USD";

    public event Action? Changed;

    /// <summary>The culture's currency when it has a region, else USD.</summary>
    public static string FromCulture(CultureInfo culture)
    {
        try
        {
            return culture.IsNeutralCulture || culture.Name.Length == 0 ? "USD" : new RegionInfo(culture.Name).ISOCurrencySymbol;
        }
        catch (ArgumentException)
        {
            return "USD";
        }
    }

    public async Task LoadAsync(IReadOnlyCollection<string> supported)
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        string? stored = null;
        try
        {
            stored = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
        }
        catch (JSException)
        {
            // No storage: the culture's currency.
        }

        var wanted = stored ?? FromCulture(CultureInfo.CurrentCulture);
        Code = supported.Contains(wanted) ? wanted : "USD";
        Changed?.Invoke();
    }

    public async Task SetAsync(string code)
    {
        if (code == Code)
        {
            return;
        }

        Code = code;
        Changed?.Invoke();
        try
        {
            await js.InvokeVoidAsync("localStorage.setItem", StorageKey, code);
        }
        catch (JSException)
        {
            // Kept for this tab only.
        }
    }
}
