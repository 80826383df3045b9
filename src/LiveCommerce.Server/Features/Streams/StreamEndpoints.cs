using System.Security.Claims;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Media;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveCommerce.Server.Features.Streams;

public static class StreamEndpoints
{
    public static IEndpointRouteBuilder MapStreamEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/streams").WithTags("Streams").RequireRateLimiting(RateLimits.Api);

        group.MapGet("/", async (string? status, int? limit, string? language, string? category, ISender sender, CancellationToken ct) =>
        {
            // Cancelled streams are the host's business only (GET /api/streams/mine).
            if (!Enum.TryParse<StreamStatus>(status ?? "live", ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _)
                || parsed == StreamStatus.Cancelled)
            {
                throw new AppException(ErrorCodes.ValidationFailed, "status must be live, upcoming or ended.");
            }

            return TypedResults.Ok(await sender.Send(new ListStreams(parsed, limit ?? 50, Blank(language), Blank(category)), ct));
        }).AllowAnonymous();

        group.MapGet("/mine", async (int? limit, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListMyStreams(Actor.From(user), limit ?? 100), ct))).RequireAuthorization();

        group.MapGet("/{id}", async (string id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetStream(id), ct))).AllowAnonymous();

        group.MapPost("/", async Task<Created<StreamDto>> (ScheduleStreamRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var stream = await sender.Send(new ScheduleStream(Actor.From(user), request), ct);
            return TypedResults.Created($"/api/streams/{stream.Id}", stream);
        }).RequireAuthorization();

        group.MapPut("/{id}", async (string id, ScheduleStreamRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateStream(Actor.From(user), id, request), ct))).RequireAuthorization();

        group.MapPost("/{id}/cover", async (string id, HttpRequest http, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            var actor = Actor.From(user);
            await using var content = await ImageUpload.ReadSingleFileAsync(http, ct);
            return TypedResults.Ok(await sender.Send(new UploadStreamCover(actor, id, content), ct));
        }).RequireAuthorization().DisableAntiforgery();

        group.MapPost("/{id}/start", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new StartStream(Actor.From(user), id), ct))).RequireAuthorization();

        group.MapPost("/{id}/cancel", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CancelStream(Actor.From(user), id), ct))).RequireAuthorization();

        group.MapPost("/{id}/end", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new EndStream(Actor.From(user), id), ct))).RequireAuthorization();

        return app;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
