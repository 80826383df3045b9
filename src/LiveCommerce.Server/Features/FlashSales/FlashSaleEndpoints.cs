using System.Security.Claims;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveCommerce.Server.Features.FlashSales;

public static class FlashSaleEndpoints
{
    public static IEndpointRouteBuilder MapFlashSaleEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/flash-sales").WithTags("FlashSales").RequireRateLimiting(RateLimits.Api);

        group.MapPost("/", async Task<Created<FlashSaleDto>> (ScheduleFlashSaleRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var sale = await sender.Send(new ScheduleFlashSale(Actor.From(user), request), ct);
            return TypedResults.Created($"/api/flash-sales/{sale.Id}", sale);
        }).RequireAuthorization();

        group.MapGet("/{id}", async (string id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetFlashSale(id), ct))).AllowAnonymous();

        group.MapGet("/", async (string? streamId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListStreamSales(streamId ?? ""), ct))).AllowAnonymous();

        group.MapPut("/{id}", async (string id, ScheduleFlashSaleRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateFlashSale(Actor.From(user), id, request), ct))).RequireAuthorization();

        group.MapPut("/{id}/quantity", async (string id, ChangeSaleQuantityRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ChangeSaleQuantity(Actor.From(user), id, request.Quantity), ct))).RequireAuthorization();

        group.MapPost("/{id}/cancel", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CancelFlashSale(Actor.From(user), id), ct))).RequireAuthorization();

        group.MapPost("/{id}/launch", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new LaunchFlashSale(Actor.From(user), id), ct))).RequireAuthorization();

        app.MapGet("/api/products/{id}/buy-now", async (string id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetBuyNowOffer(id), ct)))
            .WithTags("FlashSales").RequireRateLimiting(RateLimits.Api).AllowAnonymous();

        return app;
    }
}
