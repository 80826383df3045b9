using System.Security.Claims;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Orders;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using QRCoder;

namespace LiveCommerce.Server.Features.Attribution;

public static class AttributionEndpoints
{
    public const string VisitorCookie = "lc_vid";

    /// <summary>Roles are explicit on every endpoint (the authorization matrix test reads them).</summary>
    public static IEndpointRouteBuilder MapAttributionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/share-links", async Task<Created<ShareLinkDto>> (ShareLinkRequest? request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var link = await sender.Send(new CreateShareLink(Actor.From(user), request), ct);
                return TypedResults.Created(link.Url, link);
            })
            .WithTags("Attribution").RequireRateLimiting(RateLimits.Api).RequireAuthorization(p => p.RequireRole(Roles.Host));

        app.MapGet("/api/share-links/{code}", async (string code, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetShareLink(code), ct)))
            .WithTags("Attribution").RequireRateLimiting(RateLimits.Api).AllowAnonymous();

        app.MapGet("/api/share-links/{code}/qr.png", async (string code, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var link = await sender.Send(new GetShareLink(code), ct);
                var url = $"{http.Request.Scheme}://{http.Request.Host}{link.Url}";
                using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
                http.Response.Headers.CacheControl = "public, max-age=86400";
                return TypedResults.File(new PngByteQRCode(data).GetGraphic(10), "image/png");
            })
            .WithTags("Attribution").RequireRateLimiting(RateLimits.Api).AllowAnonymous();

        // Opened by a browser (no bearer header): a signed-in API client is keyed by user id, anyone else by
        // a visitor cookie. Touches under the cookie are moved to the account by POST /api/share-links/claim.
        app.MapGet("/s/{code}", async (string code, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var target = await sender.Send(new OpenShareLink(code, ViewerKey(http)), ct);
                return TypedResults.Redirect(target);
            })
            .WithTags("Attribution").RequireRateLimiting(RateLimits.Api).AllowAnonymous();

        // A claim that settled (moved the touches, or found them another account's) retires the visitor id, so the
        // browser's next signed-out touches start afresh; a failure (e.g. storage down) keeps it for the retry.
        app.MapPost("/api/share-links/claim", async (HttpContext http, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                if (http.Request.Cookies.ContainsKey(VisitorCookie))
                {
                    http.Response.OnStarting(() =>
                    {
                        if (http.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status409Conflict)
                        {
                            http.Response.Cookies.Delete(VisitorCookie, VisitorCookieOptions(http));
                        }

                        return Task.CompletedTask;
                    });
                }

                return TypedResults.Ok(new ShareClaimResult(await sender.Send(new ClaimVisitorTouches(Actor.From(user), http.Request.Cookies[VisitorCookie]), ct)));
            })
            .WithTags("Attribution").RequireRateLimiting(RateLimits.Api).RequireAuthorization(p => p.RequireRole(Roles.Viewer, Roles.Host, Roles.Brand, Roles.Admin));

        app.MapPost("/api/orders/{id}/refund", async (string id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RefundOrderRequest? request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RefundOrder(Actor.From(user), id, request?.Amount), ct)))
            .WithTags("Orders").RequireRateLimiting(RateLimits.Api).RequireAuthorization(p => p.RequireRole(Roles.Brand, Roles.Admin));

        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireRateLimiting(RateLimits.Api);
        reports.MapGet("/influencer", async (DateOnly? from, DateOnly? to, string? influencerId, string? currency, int? page, int? pageSize,
                ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetInfluencerReport(Actor.From(user), influencerId, new(from, to, currency, page, pageSize)), ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Host, Roles.Admin));
        reports.MapGet("/brand", async (DateOnly? from, DateOnly? to, string? brandId, string? currency, int? page, int? pageSize,
                ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetBrandReport(Actor.From(user), brandId, new(from, to, currency, page, pageSize)), ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Brand, Roles.Admin));
        reports.MapPost("/{kind}/export", async (string kind, DateOnly? from, DateOnly? to, string? ownerId, string? currency,
                ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ExportReport(Actor.From(user), kind, ownerId, new(from, to, currency, null, null)), ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Host, Roles.Brand, Roles.Admin));

        // The signature is the authorization: the link is handed only to whoever exported it.
        reports.MapGet("/exports/{file}", async (string file, long? exp, string? sig, HttpContext http, ExportLinks links, IMediaStore media, CancellationToken ct) =>
            {
                var name = links.Verify(file, exp ?? 0, sig);
                var found = await media.OpenAsync(name, ct) ?? throw AppException.NotFound(ErrorCodes.MediaNotFound, "No such export.");
                http.Response.Headers.CacheControl = "private, no-store";
                return TypedResults.Stream(found.Content, "text/csv; charset=utf-8", fileDownloadName: "report.csv");
            })
            .AllowAnonymous();
        return app;
    }

    private static string ViewerKey(HttpContext http)
    {
        if (http.User.FindFirst(AuthClaims.Subject)?.Value is { } userId)
        {
            return userId;
        }

        if (http.Request.Cookies.TryGetValue(VisitorCookie, out var vid) && ShareCodes.IsVisitorId(vid))
        {
            return ShareCodes.VisitorKey(vid);
        }

        vid = Guid.NewGuid().ToString("N");
        http.Response.Cookies.Append(VisitorCookie, vid, VisitorCookieOptions(http));
        return ShareCodes.VisitorKey(vid);
    }

    private static CookieOptions VisitorCookieOptions(HttpContext http) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(90), IsEssential = true, Path = "/",
    };
}
