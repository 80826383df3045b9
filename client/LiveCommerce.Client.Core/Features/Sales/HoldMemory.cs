using System.Text.Json;
using LiveCommerce.Client.Shared;
using Microsoft.JSInterop;

namespace LiveCommerce.Client.Features.Sales;

/// <summary>
/// The viewer's live hold, kept in localStorage so that a reload does not lose it: the reserve's
/// idempotency key is the way back. Reserving again with the same key answers the same hold,
/// unchanged (docs/API.md, "Reserve"), so after a reload <c>BuyPanel</c> asks for it again and
/// can still pay for it, with the same checkout key (a payment begun before the reload is not made twice).
/// Keyed by stream and by sale (or buy-now product); forgotten once paid, released or expired.
/// </summary>
public sealed class HoldMemory(IJSRuntime js)
{
    private const string Prefix = "livecommerce.hold.";

    /// <param name="ReserveKey">The idempotency key of the reserve that made the hold.</param>
    /// <param name="CheckoutKey">The key checkout uses for it.</param>
    public sealed record Entry(string ReserveKey, string CheckoutKey, int Quantity, string? VariantId, DateTimeOffset ExpiresAt);

    public static string Slot(string streamId, string? saleId, string? productId) =>
        $"{Prefix}{streamId}.{(saleId is not null ? "sale:" + saleId : "item:" + productId)}";

    public async Task<Entry?> GetAsync(string slot)
    {
        try
        {
            var json = await js.InvokeAsync<string?>("localStorage.getItem", slot);
            return string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<Entry>(json, ApiJson.Options);
        }
        catch (Exception e) when (e is JSException or JsonException or InvalidOperationException)
        {
            // No storage (or not yet: prerendering), or something else wrote there: nothing to recover.
            return null;
        }
    }

    public async Task SaveAsync(string slot, Entry entry)
    {
        try
        {
            await js.InvokeVoidAsync("localStorage.setItem", slot, JsonSerializer.Serialize(entry, ApiJson.Options));
        }
        catch (JSException)
        {
            // Kept for this page only: a reload will not find it.
        }
    }

    public async Task ForgetAsync(string slot)
    {
        try
        {
            await js.InvokeVoidAsync("localStorage.removeItem", slot);
        }
        catch (JSException)
        {
            // Nothing stored.
        }
    }
}
