using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Audit;
using Mediator;

namespace LiveCommerce.Server.Features.Catalog;

/// <summary>The host named in a brand's proposal accepts its terms; from then on the brand may sell on the host's streams.</summary>
/// <param name="ProposedAt">The proposal the host read, when the host names it: a newer one is not accepted unseen.</param>
public sealed record AcceptPartnership(Actor Actor, string BrandId, DateTimeOffset? ProposedAt = null) : ICommand<PartnershipDto>, IValidated
{
    public void Validate(Validator v) => v.Id("brandId", BrandId);
}

public sealed class AcceptPartnershipHandler(ICatalogStore catalog, IAccountDirectory accounts, IAuditLog audit, TimeProvider clock) : ICommandHandler<AcceptPartnership, PartnershipDto>
{
    public async ValueTask<PartnershipDto> Handle(AcceptPartnership command, CancellationToken ct)
    {
        // Consent is the host's own: nobody, not even an admin, accepts for them.
        if (command.Actor.Role != Roles.Host)
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only the host a partnership names accepts it.");
        }

        var hostId = command.Actor.UserId;
        var accepted = await catalog.ChangePartnershipAsync(command.BrandId, hostId, current => current switch
        {
            null => throw AppException.NotFound(ErrorCodes.PartnershipNotFound, "That brand has proposed no partnership to you."),
            { Status: PartnershipStatus.Pending } when command.ProposedAt is { } seen && seen != current.ProposedAt =>
                throw AppException.Conflict(ErrorCodes.TermsChanged, "The brand has proposed new terms since you read them; read them again."),
            { Status: PartnershipStatus.Pending } => current with { Status = PartnershipStatus.Accepted, AcceptedAt = clock.GetUtcNow() },
            _ => throw AppException.Conflict(ErrorCodes.InvalidTransition, $"Only a pending proposal can be accepted; this one is {current.Status}."),
        }, ct);
        await audit.RecordAsync(command.Actor, AuditActions.PartnershipAccepted, $"{command.BrandId}/{hostId}", $"{accepted.CommissionRate}%", ct);
        return await accounts.DescribeAsync(accepted, ct);
    }
}
