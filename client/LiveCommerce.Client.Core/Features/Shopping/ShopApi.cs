using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Shopping;

public sealed record CurrencyDto(string Code, int MinorUnits);

/// <summary>Display prices: <c>GET /api/fx/convert</c> and <c>/api/fx/currencies</c>, each answer cached for the session.</summary>
public sealed class FxApi(ApiClient api)
{
    private readonly ConcurrentDictionary<(decimal, string, string), Task<Money>> _converted = new();
    private Task<IReadOnlyList<CurrencyDto>>? _currencies;

    public Task<IReadOnlyList<CurrencyDto>> CurrenciesAsync() =>
        _currencies ??= api.GetAsync<IReadOnlyList<CurrencyDto>>("/api/fx/currencies");

    /// <summary>The price in <paramref name="to"/>; the brand's own price when it already is in that currency.</summary>
    public Task<Money> ConvertAsync(Money price, string to)
    {
        if (price.Currency == to)
        {
            return Task.FromResult(price);
        }

        var key = (price.Amount, price.Currency, to);
        var task = _converted.GetOrAdd(key, _ => FetchAsync(price, to));
        if (task.IsFaulted)
        {
            _converted.TryRemove(key, out _); // try again next time
        }

        return task;
    }

    private async Task<Money> FetchAsync(Money price, string to)
    {
        var amount = price.Amount.ToString(CultureInfo.InvariantCulture);
        var answer = await api.GetAsync<ConvertedPrice>($"/api/fx/convert?amount={amount}&from={price.Currency}&to={to}");
        return answer.Converted;
    }
}

/// <summary>Products, showcases and partnerships (docs/API.md "Catalog").</summary>
public sealed class CatalogApi(ApiClient api)
{
    public Task<IReadOnlyList<ProductDto>> ProductsAsync(string brandId, int limit = 100, CancellationToken ct = default) =>
        api.GetAsync<IReadOnlyList<ProductDto>>($"/api/products?brand={Uri.EscapeDataString(brandId)}&limit={limit}", ct);

    public Task<ProductDto> CreateAsync(ProductRequest request) => api.PostAsync<ProductDto>("/api/products", request);

    public Task<ProductDto> UpdateAsync(string productId, ProductRequest request) =>
        api.PutAsync<ProductDto>($"/api/products/{Uri.EscapeDataString(productId)}", request);

    /// <summary>Uploads one image (multipart); the server checks the bytes, not the name or type.</summary>
    public Task<ProductDto> UploadImageAsync(string productId, Stream content, string fileName, string contentType, CancellationToken ct = default)
    {
        var file = new StreamContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return api.PostContentAsync<ProductDto>($"/api/products/{Uri.EscapeDataString(productId)}/images", form, ct);
    }

    /// <summary>One product; null when there is no such product.</summary>
    public Task<ProductDto?> ProductAsync(string productId, CancellationToken ct = default) =>
        api.GetOrDefaultAsync<ProductDto>($"/api/products/{Uri.EscapeDataString(productId)}", ct);

    public Task<IReadOnlyList<ProductDto>> ShowcaseAsync(string streamId, CancellationToken ct = default) =>
        api.GetAsync<IReadOnlyList<ProductDto>>($"/api/streams/{Uri.EscapeDataString(streamId)}/showcase", ct);

    public Task<IReadOnlyList<PartnershipDto>> PartnershipsAsync(CancellationToken ct = default) =>
        api.GetAsync<IReadOnlyList<PartnershipDto>>("/api/partnerships", ct);

    /// <summary>The brand proposes terms; new or changed terms are Pending until the host accepts.</summary>
    public Task<PartnershipDto> SavePartnershipAsync(PartnershipRequest request) =>
        api.PutAsync<PartnershipDto>("/api/partnerships", request);

    /// <summary>The host accepts the brand's pending proposal, the one they read: refused with <c>terms_changed</c> if the brand proposed again since.</summary>
    public Task<PartnershipDto> AcceptPartnershipAsync(PartnershipDto proposal) =>
        api.PostAsync<PartnershipDto>($"/api/partnerships/{Uri.EscapeDataString(proposal.BrandId)}/accept", new AcceptPartnershipRequest(proposal.ProposedAt));

    /// <summary>The host or the brand ends a partnership (pending or accepted).</summary>
    public Task<PartnershipDto> EndPartnershipAsync(string brandId, string hostId) =>
        api.PostAsync<PartnershipDto>($"/api/partnerships/{Uri.EscapeDataString(brandId)}/{Uri.EscapeDataString(hostId)}/end", null);

    public static ProductRequest ToRequest(ProductDto p) =>
        new(p.Title, p.Description, p.Price, p.Stock,
            p.Variants.Select(v => new VariantRequest(v.Sku, v.Size, v.Color, v.Stock)).ToList(), p.Tags)
        {
            Categories = p.Categories,
            ShipsTo = p.ShipsTo,
        };

    /// <summary>Replaces the product's variants only (<c>PUT /api/products/{id}/variants</c>); the stock becomes their sum.</summary>
    public Task<ProductDto> SaveVariantsAsync(string productId, IReadOnlyList<VariantRequest> variants) =>
        api.PutAsync<ProductDto>($"/api/products/{Uri.EscapeDataString(productId)}/variants", new ProductVariantsRequest(variants));

    /// <summary>For a host: products of the brands whose terms the host accepted, matching <paramref name="q"/>.</summary>
    public Task<IReadOnlyList<ProductDto>> PartneredCatalogAsync(string? q, CancellationToken ct = default) =>
        api.GetAsync<IReadOnlyList<ProductDto>>("/api/catalog/partnered" + (string.IsNullOrWhiteSpace(q) ? "" : "?q=" + Uri.EscapeDataString(q.Trim())), ct);

    /// <summary>The host replaces the stream's showcase, in this order.</summary>
    public Task<IReadOnlyList<ProductDto>> SaveShowcaseAsync(string streamId, IReadOnlyList<string> productIds) =>
        api.PutAsync<IReadOnlyList<ProductDto>>($"/api/streams/{Uri.EscapeDataString(streamId)}/showcase", new ShowcaseRequest(productIds));
}
