using System.Security.Claims;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>The host's tools that are not hub methods: announcement, questions, moderators, blocked words.</summary>
public static class CommentEndpoints
{
    public static IEndpointRouteBuilder MapCommentEndpoints(this IEndpointRouteBuilder app)
    {
        var streams = app.MapGroup("/api/streams/{id}").WithTags("Comments").RequireRateLimiting(RateLimits.Api).RequireAuthorization();

        streams.MapPost("/announcement", async (string id, AnnouncementRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new PinAnnouncement(Actor.From(user), id, request.Text), ct)));

        streams.MapDelete("/announcement", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new UnpinAnnouncement(Actor.From(user), id), ct);
            return TypedResults.NoContent();
        });

        streams.MapGet("/questions", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetQuestions(Actor.From(user), id), ct)));

        streams.MapPost("/comments/{commentId}/question", async (string id, string commentId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new MarkQuestion(Actor.From(user), id, commentId), ct)));

        streams.MapDelete("/comments/{commentId}", async (string id, string commentId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new DeleteComment(Actor.From(user), id, commentId), ct);
            return TypedResults.NoContent();
        });

        streams.MapGet("/moderators", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListModerators(Actor.From(user), id), ct)));

        streams.MapPost("/moderators", async (string id, AddModeratorRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new AddModerator(Actor.From(user), id, request.Handle), ct)));

        streams.MapGet("/team", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetStreamTeam(Actor.From(user), id), ct)));

        streams.MapPut("/moderators/{userId}", async (string id, string userId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetModerator(Actor.From(user), id, userId, true), ct)));

        streams.MapDelete("/moderators/{userId}", async (string id, string userId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetModerator(Actor.From(user), id, userId, false), ct)));

        streams.MapDelete("/bans/{userId}", async (string id, string userId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new UnbanViewer(Actor.From(user), id, userId), ct);
            return TypedResults.NoContent();
        });

        streams.MapGet("/blocked-words", async (string id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetStreamBlockedWords(Actor.From(user), id), ct)));

        streams.MapPut("/blocked-words", async (string id, BlockedWordsRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetStreamBlockedWords(Actor.From(user), id, request), ct)));

        var brands = app.MapGroup("/api/brands/{brandId}").WithTags("Comments").RequireRateLimiting(RateLimits.Api).RequireAuthorization();

        brands.MapGet("/blocked-words", async (string brandId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetBrandBlockedWords(Actor.From(user), brandId), ct)));

        brands.MapPut("/blocked-words", async (string brandId, BlockedWordsRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetBrandBlockedWords(Actor.From(user), brandId, request.Words), ct)));

        return app;
    }
}
