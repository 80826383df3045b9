using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Features.Streams;
using Mediator;

namespace LiveCommerce.Server.Features.Attribution;

/// <summary>A host makes a share link for one of their streams or for a product.</summary>
public sealed record CreateShareLink(Actor Actor, ShareLinkRequest? Request) : ICommand<ShareLinkDto>, IValidated
{
    public void Validate(Validator v)
    {
        var r = Request;
        v.Require(r is not null && (r.StreamId is null) != (r.ProductId is null), "Give exactly one of streamId or productId.");
        if (r?.StreamId is not null)
        {
            v.Id("streamId", r.StreamId);
        }

        if (r?.ProductId is not null)
        {
            v.Id("productId", r.ProductId);
        }
    }
}

public sealed class CreateShareLinkHandler(IShareLinkStore links, IStreamStore streams, ICatalogStore catalog, TimeProvider clock)
    : ICommandHandler<CreateShareLink, ShareLinkDto>
{
    // No 0/O/1/I/L: codes are read aloud and typed.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public async ValueTask<ShareLinkDto> Handle(CreateShareLink command, CancellationToken ct)
    {
        if (command.Actor.Role != Roles.Host)
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only hosts make share links.");
        }

        var r = command.Request!;
        if (r.StreamId is not null)
        {
            var stream = await streams.GetAsync(r.StreamId, ct) ?? throw AppException.NotFound(ErrorCodes.StreamNotFound, "No such stream.");
            if (stream.HostId != command.Actor.UserId)
            {
                throw AppException.Forbidden(ErrorCodes.NotOwner, "Share links to a stream are for its host.");
            }
        }
        else
        {
            await catalog.GetRequiredAsync(r.ProductId!, ct);
        }

        while (true)
        {
            var link = new ShareLink(RandomNumberGenerator.GetString(Alphabet, 8), command.Actor.UserId, r.StreamId, r.ProductId, clock.GetUtcNow());
            if (await links.TryCreateAsync(link, ct))
            {
                return ToDto(link);
            }
        }
    }

    public static ShareLinkDto ToDto(ShareLink link) =>
        new(link.Code, $"/s/{link.Code}", $"/api/share-links/{link.Code}/qr.png", link.StreamId, link.ProductId, link.CreatedAt);
}

/// <summary>A viewer opened a share link: the touch is recorded for them and they land on the target.</summary>
public sealed record OpenShareLink(string Code, string ViewerKey) : ICommand<string>, IValidated
{
    public void Validate(Validator v) => v.Require(ShareCodes.IsCode(Code), "Not a share code.").Require(ViewerKey.Length is > 0 and <= 80, "No viewer.");
}

/// <summary>
/// A stream link lands on the stream. A product link lands where the viewer can buy it from the link's host:
/// the host's live stream with the product in its showcase, else their next upcoming one, with the product
/// shown (<c>/watch/{id}?product={productId}</c>); without such a stream, on the home page with the product
/// shown (<c>/?product={productId}</c>). Never on another host's stream: a purchase there is that host's.
/// </summary>
public sealed class OpenShareLinkHandler(IShareLinkStore links, IStreamStore streams, IPinStore pins, TimeProvider clock)
    : ICommandHandler<OpenShareLink, string>
{
    /// <summary>How many live (then upcoming) streams are searched for the host's.</summary>
    private const int Scan = 200;

    private static readonly StreamStatus[] Preferred = [StreamStatus.Live, StreamStatus.Upcoming];

    public async ValueTask<string> Handle(OpenShareLink command, CancellationToken ct)
    {
        var link = await links.GetAsync(command.Code.ToUpperInvariant(), ct)
            ?? throw AppException.NotFound(ErrorCodes.ShareLinkNotFound, "No such share link.");
        await links.RecordTouchAsync(command.ViewerKey, new Touch(link.Code, link.InfluencerId, clock.GetUtcNow()), ct);
        if (link.StreamId is not null)
        {
            return $"/watch/{Uri.EscapeDataString(link.StreamId)}";
        }

        var product = Uri.EscapeDataString(link.ProductId!);
        return await HostStreamShowingAsync(link.InfluencerId, link.ProductId!, ct) is { } stream
            ? $"/watch/{Uri.EscapeDataString(stream)}?product={product}"
            : $"/?product={product}";
    }

    private async Task<string?> HostStreamShowingAsync(string hostId, string productId, CancellationToken ct)
    {
        foreach (var status in Preferred)
        {
            foreach (var stream in (await streams.ListAsync(status, Scan, ct)).Where(s => s.HostId == hostId))
            {
                if ((await pins.GetShowcaseAsync(stream.Id, ct)).Contains(productId, StringComparer.Ordinal))
                {
                    return stream.Id;
                }
            }
        }

        return null;
    }
}

public sealed record GetShareLink(string Code) : IQuery<ShareLinkDto>, IValidated
{
    public void Validate(Validator v) => v.Require(ShareCodes.IsCode(Code), "Not a share code.");
}

public sealed class GetShareLinkHandler(IShareLinkStore links) : IQueryHandler<GetShareLink, ShareLinkDto>
{
    public async ValueTask<ShareLinkDto> Handle(GetShareLink query, CancellationToken ct) =>
        CreateShareLinkHandler.ToDto(await links.GetAsync(query.Code.ToUpperInvariant(), ct)
            ?? throw AppException.NotFound(ErrorCodes.ShareLinkNotFound, "No such share link."));
}

public static class ShareCodes
{
    public static bool IsCode(string? code) => code is { Length: 8 } && code.All(char.IsAsciiLetterOrDigit);

    /// <summary>A visitor cookie's value: 32 hex digits, as <c>/s/{code}</c> issues them.</summary>
    public static bool IsVisitorId(string? id) => id is { Length: 32 } && TextRules.IsId(id);

    /// <summary>The viewer key of a signed-out browser's touches.</summary>
    public static string VisitorKey(string visitorId) => "v:" + visitorId;
}

/// <summary>
/// After signing in, the browser's visitor touches (made signed out, under the lc_vid cookie) become the
/// account's, keeping their times, so an order placed now is attributed as the rules say. Each touch credits
/// one account: the first account to claim a browser's touches owns them (another gets share_touches_claimed),
/// and claimed touches move, so a replayed claim finds nothing left. Guests cannot claim: their id is new on
/// every visit, and a claim would only lose the touches (sign_in_required).
/// </summary>
public sealed record ClaimVisitorTouches(Actor Actor, string? VisitorId) : ICommand<int>;

public sealed class ClaimVisitorTouchesHandler(IShareLinkStore links, TimeProvider clock) : ICommandHandler<ClaimVisitorTouches, int>
{
    public async ValueTask<int> Handle(ClaimVisitorTouches command, CancellationToken ct)
    {
        if (command.Actor.IsGuest)
        {
            throw AppException.Forbidden(ErrorCodes.SignInRequired, "Sign in to claim the share links you opened.");
        }

        if (!ShareCodes.IsVisitorId(command.VisitorId))
        {
            return 0;
        }

        var visitor = ShareCodes.VisitorKey(command.VisitorId!);
        var owner = await links.ClaimVisitorAsync(visitor, command.Actor.UserId, ct);
        if (owner != command.Actor.UserId)
        {
            throw AppException.Conflict(ErrorCodes.ShareTouchesClaimed, "The share links opened in this browser were claimed by another account.");
        }

        // Copy, then remove: a claim cut short in between is finished by the next one, and a copy made twice is one touch.
        var touches = await links.TouchesAsync(visitor, clock.GetUtcNow(), ct);
        foreach (var touch in touches)
        {
            await links.RecordTouchAsync(command.Actor.UserId, touch, ct);
        }

        await links.RemoveTouchesAsync(visitor, touches, ct);
        return touches.Count;
    }
}
