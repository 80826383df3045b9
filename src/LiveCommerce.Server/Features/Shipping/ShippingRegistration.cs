using System.Security.Claims;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Shipping;

/// <summary>Address books (<c>/api/me/addresses</c>), brand shipping settings, landed-cost quotes and ships-to checks.</summary>
public static class ShippingRegistration
{
    public static WebApplicationBuilder AddShipping(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ShippingDirectory>();
        builder.Services.AddSingleton<LandedCostQuoter>();
        builder.Services.AddSingleton<ShipsToGate>();
        builder.Services.AddSingleton<ShipToQuote>();
        return builder;
    }

    public static IEndpointRouteBuilder MapShippingEndpoints(this IEndpointRouteBuilder app)
    {
        var addresses = app.MapGroup("/api/me/addresses").WithTags("Shipping").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        addresses.MapGet("/", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListAddresses(Actor.From(user)), ct)));
        addresses.MapPost("/", async (AddressRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var saved = await sender.Send(new SaveAddress(Actor.From(user), null, request), ct);
            return TypedResults.Created($"/api/me/addresses/{saved.Id}", saved);
        });
        addresses.MapPut("/{id}", async (string id, AddressRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SaveAddress(Actor.From(user), RequireId(id), request), ct)));
        addresses.MapDelete("/{id}", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new DeleteAddress(Actor.From(user), id), ct);
            return TypedResults.NoContent();
        });

        var brands = app.MapGroup("/api/brands/{brandId}/shipping").WithTags("Shipping").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        brands.MapGet("/", async (string brandId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetBrandShipping(brandId), ct)));
        brands.MapPut("/", async (string brandId, BrandShippingDto request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetBrandShipping(Actor.From(user), brandId, request), ct)));

        app.MapPost("/api/checkout/quote", async (QuoteRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new QuoteLandedCost(Actor.From(user), request), ct)))
            .WithTags("Shipping").RequireRateLimiting(RateLimits.Api).RequireAuthorization();

        app.MapGet("/api/shipping/products/{id}", async (string id, string? country, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetShippingAvailability(Actor.From(user), id, country), ct)))
            .WithTags("Shipping").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        return app;
    }

    private static string RequireId(string id) =>
        TextRules.IsId(id) ? id : throw AppException.NotFound(ErrorCodes.AddressNotFound, "No such address in your address book.");
}
