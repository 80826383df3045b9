using System.Security.Claims;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>The buyer's order and return, and the brand's fulfilment queue (docs/API.md, "Fulfilment and returns").</summary>
public static class FulfilmentEndpoints
{
    public static IEndpointRouteBuilder MapFulfilmentEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Fulfilment").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        orders.MapGet("/{id}", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetOrder(Actor.From(user), id), ct)));
        orders.MapPost("/{id}/return", async (string id, ReturnRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RequestReturn(Actor.From(user), id, request), ct)));

        var fulfilment = app.MapGroup("/api/fulfilment").WithTags("Fulfilment").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        fulfilment.MapGet("/queue", async (string? stage, string? brandId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetFulfilmentQueue(Actor.From(user), brandId, stage), ct)));
        fulfilment.MapGet("/shipments/{id}/packing-list", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetPackingList(Actor.From(user), id), ct)));
        fulfilment.MapPost("/shipments/{id}/pack", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new PackShipment(Actor.From(user), id), ct)));
        fulfilment.MapPost("/shipments/{id}/ship", async (string id, ShipRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ShipShipment(Actor.From(user), id, request), ct)));
        fulfilment.MapPost("/shipments/{id}/deliver", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new DeliverShipment(Actor.From(user), id), ct)));
        fulfilment.MapPost("/orders/{id}/cancel", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CancelOrder(Actor.From(user), id), ct)));
        fulfilment.MapGet("/export.csv", async (string? brandId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Text(await sender.Send(new ExportFulfilment(Actor.From(user), brandId), ct), "text/csv; charset=utf-8"));

        // The name for a brand's queue: the same tabs, the brand in the path.
        app.MapGet("/api/brands/{id}/fulfilment", async (string id, string? stage, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetFulfilmentQueue(Actor.From(user), id, stage), ct)))
            .WithTags("Fulfilment").RequireRateLimiting(RateLimits.Api).RequireAuthorization();

        var returns = app.MapGroup("/api/returns").WithTags("Fulfilment").RequireRateLimiting(RateLimits.Api).RequireAuthorization();
        returns.MapPost("/{id}/approve", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ApproveReturn(Actor.From(user), id), ct)));
        returns.MapPost("/{id}/refuse", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RefuseReturn(Actor.From(user), id), ct)));
        return app;
    }
}
