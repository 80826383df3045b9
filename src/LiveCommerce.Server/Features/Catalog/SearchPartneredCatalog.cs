using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Catalog;

/// <summary>
/// The host's showcase source: the products of every brand whose terms the host accepted (in force,
/// covering the product), matching <see cref="Query"/> in the title, brand, categories or tags.
/// </summary>
public sealed record SearchPartneredCatalog(Actor Actor, string? Query, int Limit) : IQuery<IReadOnlyList<ProductDto>>, IValidated
{
    public const int MaxQuery = 100;

    public void Validate(Validator v) => v.Text("q", Query, MaxQuery, required: false);
}

public sealed class SearchPartneredCatalogHandler(ICatalogStore catalog, TimeProvider clock) : IQueryHandler<SearchPartneredCatalog, IReadOnlyList<ProductDto>>
{
    public async ValueTask<IReadOnlyList<ProductDto>> Handle(SearchPartneredCatalog query, CancellationToken ct)
    {
        if (query.Actor.Role != Roles.Host)
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only hosts search their partners' catalogs.");
        }

        var now = clock.GetUtcNow();
        var words = (query.Query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var limit = Math.Clamp(query.Limit, 1, 100);
        var found = new List<ProductDto>();
        var partnerships = await catalog.ListPartnershipsByHostAsync(query.Actor.UserId, ct);
        foreach (var partnership in partnerships.Where(p => p.IsActiveAt(now)).OrderBy(p => p.BrandId, StringComparer.Ordinal))
        {
            var products = await catalog.ListBrandProductsAsync(partnership.BrandId, 200, ct);
            found.AddRange(products.Where(p => partnership.Covers(p.Id) && Matches(p, words)).Select(p => p.ToDto()));
            if (found.Count >= limit)
            {
                break;
            }
        }

        return found.Take(limit).ToList();
    }

    // Every word somewhere in what a host would search by.
    private static bool Matches(Product p, string[] words) =>
        words.All(w => p.Title.Contains(w, StringComparison.OrdinalIgnoreCase)
            || p.BrandName.Contains(w, StringComparison.OrdinalIgnoreCase)
            || p.Categories.Any(c => c.Contains(w, StringComparison.OrdinalIgnoreCase))
            || p.Tags.Any(t => t.Contains(w, StringComparison.OrdinalIgnoreCase)));
}
