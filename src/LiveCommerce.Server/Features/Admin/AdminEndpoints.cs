using System.Security.Claims;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Audit;
using Mediator;

namespace LiveCommerce.Server.Features.Admin;

/// <summary>The operator console's routes: every one for platform admins only (<see cref="ErrorCodes.AdminOnly"/>).</summary>
public static class AdminEndpoints
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingletonHostedService<SuspendedAccounts>();
        builder.Services.AddSingleton<IAuditLog, AuditLog>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Admin").RequireRateLimiting(RateLimits.Api).AdminOnly();

        group.MapGet("/search", async (string? q, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SearchAdmin(Actor.From(user), q), ct)));

        group.MapPost("/accounts/{id}/suspend", async (string id, AdminReasonRequest? request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SuspendAccount(Actor.From(user), id, request), ct)));

        group.MapPost("/accounts/{id}/unsuspend", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UnsuspendAccount(Actor.From(user), id), ct)));

        group.MapPost("/streams/{id}/takedown", async (string id, AdminReasonRequest? request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new TakedownStream(Actor.From(user), id, request), ct)));

        group.MapGet("/readiness", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetReadiness(Actor.From(user)), ct)));

        app.MapAuditEndpoints();
        return app;
    }
}
