using System.Security.Claims;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Media;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveCommerce.Server.Features.Catalog;

public static class CatalogRegistration
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/products").WithTags("Catalog").RequireRateLimiting(RateLimits.Api);

        products.MapGet("/", async (string brand, int? limit, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListBrandProducts(brand, limit ?? 50), ct))).AllowAnonymous();

        products.MapGet("/{id}", async (string id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetProduct(id), ct))).AllowAnonymous();

        products.MapPost("/", async Task<Created<ProductDto>> (ProductRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var product = await sender.Send(new CreateProduct(Actor.From(user), request), ct);
            return TypedResults.Created($"/api/products/{product.Id}", product);
        }).RequireAuthorization();

        products.MapPut("/{id}", async (string id, ProductRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateProduct(Actor.From(user), id, request), ct))).RequireAuthorization();

        // The variant list alone (size, colour, stock each): the product's stock is their sum.
        products.MapGet("/{id}/variants", async (string id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetProductVariants(id), ct))).AllowAnonymous();

        products.MapPut("/{id}/variants", async (string id, ProductVariantsRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetProductVariants(Actor.From(user), id, request), ct))).RequireAuthorization();

        // multipart/form-data with one file field (any field name); the file name is ignored.
        products.MapPost("/{id}/images", async (string id, HttpRequest http, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var actor = Actor.From(user);
            await using var content = await ImageUpload.ReadSingleFileAsync(http, ct);
            return TypedResults.Ok(await sender.Send(new UploadProductImage(actor, id, content), ct));
        }).RequireAuthorization().DisableAntiforgery();

        // A host's showcase source: the catalogs of the brands whose terms the host accepted.
        app.MapGet("/api/catalog/partnered", async (string? q, int? limit, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SearchPartneredCatalog(Actor.From(user), q, limit ?? 50), ct)))
            .WithTags("Catalog").RequireRateLimiting(RateLimits.Api).RequireAuthorization();

        var partnerships = app.MapGroup("/api/partnerships").WithTags("Catalog").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        partnerships.MapGet("/", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListPartnerships(Actor.From(user)), ct)));
        partnerships.MapPut("/", async (PartnershipRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpsertPartnership(Actor.From(user), request), ct)));

        // The host accepts a brand's proposal to them (body optional: the proposal read); the host or the brand ends it.
        partnerships.MapPost("/{brandId}/accept", async (
            string brandId, AcceptPartnershipRequest? request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new AcceptPartnership(Actor.From(user), brandId, request?.ProposedAt), ct)));
        partnerships.MapPost("/{brandId}/{hostId}/end", async (string brandId, string hostId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new EndPartnership(Actor.From(user), brandId, hostId), ct)));
        return app;
    }
}
