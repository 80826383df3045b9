using System.Security.Claims;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Orders;

public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/orders/mine", async (int? limit, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMyOrders(Actor.From(user), limit ?? 100), ct)))
            .WithTags("Orders").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        app.MapGet("/api/orders/brand", async (string? brandId, int? limit, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListBrandOrders(Actor.From(user), brandId, limit ?? 100), ct)))
            .WithTags("Orders").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        return app;
    }
}
