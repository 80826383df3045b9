using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Attribution;

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
