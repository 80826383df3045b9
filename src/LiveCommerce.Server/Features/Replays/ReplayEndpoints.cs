using System.IO.Compression;
using System.Text.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Replays;

public static class ReplayEndpoints
{
    public static IEndpointRouteBuilder MapReplayEndpoints(this IEndpointRouteBuilder app)
    {
        // application/x-ndjson lines (see ReplayLine). The first line's videoUrl and video are filled
        // now, so the answer is cached only once the video's status can no longer change by itself.
        // Sent gzip-encoded when the client accepts gzip, plain otherwise.
        app.MapGet("/api/streams/{id}/replay", async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var replay = await sender.Send(new GetReplay(id), ct);
            http.Response.Headers.CacheControl = replay.Video is ReplayVideoStatus.Pending or ReplayVideoStatus.Failed ? "no-cache" : "public, max-age=3600";
            http.Response.Headers.Vary = "Accept-Encoding";
            var gzip = http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
            if (gzip)
            {
                http.Response.Headers.ContentEncoding = "gzip";
            }

            return TypedResults.Stream(async body =>
            {
                using var archive = replay.Archive;
                if (!gzip)
                {
                    await WriteAsync(replay, body, ct);
                    return;
                }

                await using var compressed = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true);
                await WriteAsync(replay, compressed, ct);
            }, "application/x-ndjson");
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Api).WithTags("Replays");

        // The MP4, with Range requests (206) so a player seeks without downloading the whole recording.
        app.MapMethods("/api/streams/{id}/replay/video", [HttpMethods.Get, HttpMethods.Head], async (string id, HttpContext http, ISender sender, CancellationToken ct) =>
        {
            var video = await sender.Send(new GetReplayVideo(id), ct);
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Stream(video.Content, video.ContentType,
                entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(video.ETag), enableRangeProcessing: true);
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Api).WithTags("Replays");
        return app;
    }

    /// <summary>The stored lines, the first one (the stream) with the video's status of now.</summary>
    private static async Task WriteAsync(ReplayArchive replay, Stream output, CancellationToken ct)
    {
        await using var lines = new GZipStream(replay.Archive.Content, CompressionMode.Decompress);
        var first = await ReadLineAsync(lines, ct);
        if (first.Length > 0)
        {
            var header = Deserialize(first);
            await output.WriteAsync(header is { Type: "replay" }
                ? JsonSerializer.SerializeToUtf8Bytes(header with { VideoUrl = replay.VideoUrl, Video = replay.Video }, ArchiveReplay.Json)
                : first, ct);
            await output.WriteAsync("\n"u8.ToArray(), ct);
        }

        await lines.CopyToAsync(output, ct);
    }

    private static ReplayLine? Deserialize(byte[] line)
    {
        try
        {
            return JsonSerializer.Deserialize<ReplayLine>(line, ArchiveReplay.Json);
        }
        catch (JsonException)
        {
            return null; // passed on as stored
        }
    }

    /// <summary>Up to the first newline (dropped). The first line is the stream: a few hundred bytes.</summary>
    private static async Task<byte[]> ReadLineAsync(Stream input, CancellationToken ct)
    {
        using var line = new MemoryStream();
        var one = new byte[1];
        while (await input.ReadAsync(one, ct) == 1 && one[0] != (byte)'\n')
        {
            line.WriteByte(one[0]);
        }

        return line.ToArray();
    }
}
