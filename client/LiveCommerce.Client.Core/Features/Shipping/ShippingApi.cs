using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Shipping;

/// <summary>The address book, a brand's shipping settings, landed-cost quotes and ships-to checks over HTTP (docs/API.md "Addresses and landed cost").</summary>
public sealed class ShippingApi(ApiClient api)
{
    public Task<IReadOnlyList<AddressDto>> AddressesAsync(CancellationToken ct = default) =>
        api.GetAsync<IReadOnlyList<AddressDto>>("/api/me/addresses", ct);

    public Task<AddressDto> AddAsync(AddressRequest request) => api.PostAsync<AddressDto>("/api/me/addresses", request);

    public Task<AddressDto> UpdateAsync(string id, AddressRequest request) =>
        api.PutAsync<AddressDto>($"/api/me/addresses/{Uri.EscapeDataString(id)}", request);

    public Task DeleteAsync(string id) => api.DeleteAsync($"/api/me/addresses/{Uri.EscapeDataString(id)}");

    public Task<LandedCostDto> QuoteAsync(QuoteRequest request, CancellationToken ct = default) =>
        api.PostAsync<LandedCostDto>("/api/checkout/quote", request, ct);

    public Task<BrandShippingDto> BrandShippingAsync(string brandId, CancellationToken ct = default) =>
        api.GetAsync<BrandShippingDto>($"/api/brands/{Uri.EscapeDataString(brandId)}/shipping", ct);

    public Task<BrandShippingDto> SetBrandShippingAsync(string brandId, BrandShippingDto settings) =>
        api.PutAsync<BrandShippingDto>($"/api/brands/{Uri.EscapeDataString(brandId)}/shipping", settings);

    public Task<ShippingAvailabilityDto> AvailabilityAsync(string productId, CancellationToken ct = default) =>
        api.GetAsync<ShippingAvailabilityDto>($"/api/shipping/products/{Uri.EscapeDataString(productId)}", ct);
}
