using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Audit;
using Mediator;

namespace LiveCommerce.Server.Features.Catalog;

/// <summary>
/// The host, or the brand's owner or manager, ends a partnership (pending or accepted): the brand's
/// showcase and sale rights on the host's streams stop at once. Ending an ended one answers it unchanged.
/// </summary>
public sealed record EndPartnership(Actor Actor, string BrandId, string HostId) : ICommand<PartnershipDto>, IValidated
{
    public void Validate(Validator v) => v.Id("brandId", BrandId).Id("hostId", HostId);
}

public sealed class EndPartnershipHandler(ICatalogStore catalog, IAccountDirectory accounts, IAuditLog audit, TimeProvider clock) : ICommandHandler<EndPartnership, PartnershipDto>
{
    public async ValueTask<PartnershipDto> Handle(EndPartnership command, CancellationToken ct)
    {
        var actor = command.Actor;
        var isHost = actor.Role == Roles.Host && actor.UserId == command.HostId;
        if (!isHost && !actor.ActsFor(command.BrandId, BrandRoles.Manager))
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only the partnership's host or the brand's owner or manager ends it.");
        }

        var ended = await catalog.ChangePartnershipAsync(command.BrandId, command.HostId, current => current switch
        {
            null => throw AppException.NotFound(ErrorCodes.PartnershipNotFound, "No partnership between that brand and host."),
            { Status: PartnershipStatus.Ended } => current,
            // A partnership from before consent has no accept time: it was accepted from its start,
            // and keeping that window lets its last orders still earn their commission.
            { Status: PartnershipStatus.Accepted } => current with
            {
                Status = PartnershipStatus.Ended, EndedAt = clock.GetUtcNow(), AcceptedAt = current.AcceptedAt ?? current.ValidFrom,
            },
            _ => current with { Status = PartnershipStatus.Ended, EndedAt = clock.GetUtcNow() },
        }, ct);
        await audit.RecordAsync(command.Actor, AuditActions.PartnershipEnded, $"{command.BrandId}/{command.HostId}", null, ct);
        return await accounts.DescribeAsync(ended, ct);
    }
}
