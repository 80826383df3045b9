using System.Security.Claims;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Admin;
using Mediator;

namespace LiveCommerce.Server.Features.Audit;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (string? action, string? actor, string? target, long? before, int? limit, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetAuditLog(Actor.From(user), action, actor, target, before, limit ?? 50), ct)))
            .WithTags("Admin").RequireRateLimiting(RateLimits.Api).AdminOnly();
        return app;
    }
}
