using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Audit;
using Mediator;

namespace LiveCommerce.Server.Features.Catalog;

/// <summary>
/// A brand proposes its terms to a host: which products, what commission, from when to when. New or
/// changed terms wait for the host's accept (<see cref="AcceptPartnership"/>); until then they give no rights.
/// </summary>
public sealed record UpsertPartnership(Actor Actor, PartnershipRequest Request) : ICommand<PartnershipDto>, IValidated
{
    public const decimal MinRate = 1m;
    public const decimal MaxRate = 80m;

    public void Validate(Validator v)
    {
        var r = Request;
        v.Id("hostId", r?.HostId);
        if (r is null)
        {
            return;
        }

        v.Require(IsRate(r.CommissionRate), $"commissionRate must be a percentage between {MinRate} and {MaxRate} with at most 2 decimals.")
         .Require((r.ProductIds ?? []).Count <= 500, "At most 500 productIds.")
         .Require((r.ProductIds ?? []).All(TextRules.IsId), "productIds must be valid ids.")
         .Require((r.ProductRates ?? new Dictionary<string, decimal>()).Count <= 500, "At most 500 productRates.")
         .Require((r.ProductRates ?? new Dictionary<string, decimal>()).All(x => TextRules.IsId(x.Key) && IsRate(x.Value)), $"productRates must map product ids to rates between {MinRate} and {MaxRate}.")
         .Require(r.ValidTo is null || r.ValidTo > (r.ValidFrom ?? DateTimeOffset.MinValue), "validTo must be after validFrom.");
    }

    private static bool IsRate(decimal rate) => rate >= MinRate && rate <= MaxRate && decimal.Round(rate, 2) == rate;
}

public sealed class UpsertPartnershipHandler(ICatalogStore catalog, IAccountDirectory accounts, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<UpsertPartnership, PartnershipDto>
{
    public async ValueTask<PartnershipDto> Handle(UpsertPartnership command, CancellationToken ct)
    {
        if (command.Actor.BrandId is not { } brandId || !command.Actor.ActsFor(brandId, BrandRoles.Manager))
        {
            throw AppException.Forbidden(ErrorCodes.Forbidden, "Only a brand's owner or manager sets up partnerships.");
        }

        var r = command.Request;
        if (await accounts.FindAsync(r.HostId, ct) is not { Role: Roles.Host })
        {
            throw AppException.NotFound(ErrorCodes.UnknownUser, "No host with that id.");
        }

        // Every product named (in the list or the overrides) must be one of this brand's.
        var named = (r.ProductIds ?? []).Concat((r.ProductRates ?? new Dictionary<string, decimal>()).Keys).Distinct(StringComparer.Ordinal).ToList();
        var found = await catalog.GetProductsAsync(named, ct);
        if (found.Count != named.Count || found.Any(p => p.BrandId != brandId))
        {
            throw AppException.NotFound(ErrorCodes.ProductNotFound, "Some of the products are not yours or do not exist.");
        }

        var productIds = (r.ProductIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var rates = new Dictionary<string, decimal>(r.ProductRates ?? new Dictionary<string, decimal>(), StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var partnership = await catalog.ChangePartnershipAsync(brandId, r.HostId, current =>
        {
            var open = current is { Status: not PartnershipStatus.Ended } ? current : null;
            // Left out, the start stays where it was, so repeating the same proposal changes nothing.
            var proposed = new Partnership(brandId, r.HostId, r.CommissionRate, productIds, rates, r.ValidFrom ?? open?.ValidFrom ?? now, r.ValidTo,
                PartnershipStatus.Pending, ProposedAt: now);
            // The host is paid under the terms they accepted: the same terms keep the consent, new ones ask for it again.
            return open is not null && open.HasSameTerms(proposed) ? open : proposed;
        }, ct);
        await audit.RecordAsync(command.Actor, AuditActions.PartnershipProposed, $"{brandId}/{r.HostId}", $"{partnership.Status}, {partnership.CommissionRate}%", ct);
        return partnership.ToDto();
    }
}
