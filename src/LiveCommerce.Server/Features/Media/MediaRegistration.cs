using System.ComponentModel.DataAnnotations;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Media;

public sealed class MediaOptions
{
    public const string Section = "Media";

    [Range(1024, 100L * 1024 * 1024)]
    public long MaxImageBytes { get; set; } = 5L * 1024 * 1024;
}

public static class MediaRegistration
{
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// <c>GET /media/{name}</c>: names are immutable (a new upload gets a new name), so they are cached
    /// for a year. There is no listing.
    /// </summary>
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        // GET and HEAD: HEAD answers the same status and headers without the body (the server drops it).
        app.MapMethods("/media/{**name}", [HttpMethods.Get, HttpMethods.Head], async (string name, HttpContext http, IMediaStore media, CancellationToken ct) =>
        {
            // Report exports and the order archive are private: exports are served only by their signed, expiring link.
            var found = MediaRules.IsSafeName(name) && !name.StartsWith("exports/", StringComparison.Ordinal)
                && !name.StartsWith("order-archive/", StringComparison.Ordinal) ? await media.OpenAsync(name, ct) : null;
            if (found is null)
            {
                throw AppException.NotFound(ErrorCodes.MediaNotFound, "No such media.");
            }

            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.Stream(found.Content, found.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(found.ETag));
        }).AllowAnonymous().WithTags("Media");
        return app;
    }

    public static string Url(string name) => "/media/" + name;
}
