using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Catalog;
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
