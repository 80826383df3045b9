using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Replays;

/// <summary>The archived replay of an ended stream (gzip JSON lines), opened for streaming.</summary>
public sealed record GetReplay(string StreamId) : IQuery<MediaObject>;

public sealed class GetReplayHandler(IStreamStore streams, IMediaStore media) : IQueryHandler<GetReplay, MediaObject>
{
    public async ValueTask<MediaObject> Handle(GetReplay query, CancellationToken ct)
    {
        var stream = await streams.GetRequiredAsync(query.StreamId, ct);
        return await media.OpenAsync(ArchiveReplay.BlobName(stream.Id), ct)
            ?? throw AppException.NotFound(ErrorCodes.ReplayNotFound, stream.Status == StreamStatus.Ended
                ? "This stream's replay is not available."
                : "A replay is archived when the stream ends.");
    }
}

public static class ReplayEndpoints
{
    /// <summary>
    /// <c>GET /api/streams/{id}/replay</c>: <c>application/x-ndjson</c> lines (see <see cref="ReplayLine"/>).
    /// Sent gzip-encoded as stored when the client accepts gzip, else decompressed on the way.
    /// </summary>
    public static IEndpointRouteBuilder MapReplayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/streams/{id}/replay", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var replay = await sender.Send(new GetReplay(id), ct);
            http.Response.Headers.CacheControl = "public, max-age=3600";
            http.Response.Headers.Vary = "Accept-Encoding";
            if (http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.Headers.ContentEncoding = "gzip";
                return TypedResults.Stream(replay.Content, "application/x-ndjson");
            }

            return TypedResults.Stream(new System.IO.Compression.GZipStream(replay.Content, System.IO.Compression.CompressionMode.Decompress), "application/x-ndjson");
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Api).WithTags("Replays");
        return app;
    }
}
