using System.ComponentModel.DataAnnotations;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Infrastructure.Blob;
using LiveCommerce.Server.Infrastructure.Local;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Media;

public sealed class BlobOptions
{
    public const string Section = "Blob";

    /// <summary>Azure Storage connection string (Azurite in dev/tests). Empty: a local folder.</summary>
    public string ConnectionString { get; set; } = "";

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Container { get; set; } = "livecommerce";

    /// <summary>The local folder when no connection string is set; default <c>{content root}/.data/media</c>.</summary>
    public string LocalPath { get; set; } = "";

    public bool UsesBlob => !string.IsNullOrWhiteSpace(ConnectionString);
}

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
        services.AddOptions<BlobOptions>().BindConfiguration(BlobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var blob = builder.Configuration.GetSection(BlobOptions.Section).Get<BlobOptions>() ?? new();
        if (blob.UsesBlob)
        {
            services.AddSingleton<IMediaStore>(sp => new BlobMediaStore(
                blob.ConnectionString, blob.Container, sp.GetRequiredService<IOptions<MediaOptions>>().Value.MaxImageBytes));
        }
        else
        {
            var root = string.IsNullOrWhiteSpace(blob.LocalPath)
                ? Path.Combine(builder.Environment.ContentRootPath, ".data", "media")
                : blob.LocalPath;
            services.AddSingleton<IMediaStore>(sp => new LocalMediaStore(root, sp.GetRequiredService<IOptions<MediaOptions>>().Value.MaxImageBytes));
        }

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
            var found = MediaRules.IsSafeName(name) ? await media.OpenAsync(name, ct) : null;
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
