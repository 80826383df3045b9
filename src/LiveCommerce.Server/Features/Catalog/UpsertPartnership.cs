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
        if (r is null)
        {
            v.Refuse("hostHandle and commissionRate are required.", "hostHandle");
            return;
        }

        // People name the host by handle; old clients still send the id. The rate is checked by the
        // handler, with its own code (invalid_commission_rate).
        if (string.IsNullOrWhiteSpace(r.HostHandle))
        {
            v.Require(TextRules.IsId(r.HostId), "hostHandle is required: the host's handle, e.g. leo.", "hostHandle");
        }
        else
        {
            v.Require(TextRules.IsId(r.HostHandle.Trim().TrimStart('@')), "hostHandle must be a host's handle (letters, digits, '-' or '_').", "hostHandle");
        }

        v.Require((r.ProductIds ?? []).Count <= 500, "At most 500 productIds.")
         .Require((r.ProductIds ?? []).All(TextRules.IsId), "productIds must be valid ids.")
         .Require((r.ProductRates ?? new Dictionary<string, decimal>()).Count <= 500, "At most 500 productRates.")
         .Require((r.ProductRates ?? new Dictionary<string, decimal>()).Keys.All(TextRules.IsId), "productRates must map product ids to rates.", "productRates")
         .Require(r.ValidTo is null || r.ValidTo > (r.ValidFrom ?? DateTimeOffset.MinValue), "validTo must be after validFrom.", "validTo");
    }

    public static bool IsRate(decimal rate) => rate >= MinRate && rate <= MaxRate && decimal.Round(rate, 2) == rate;
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
        if (!UpsertPartnership.IsRate(r.CommissionRate))
        {
            throw AppException.ForField(ErrorCodes.InvalidCommissionRate, "commissionRate",
                $"The commission must be a percentage between {UpsertPartnership.MinRate} and {UpsertPartnership.MaxRate}, with at most 2 decimals.");
        }

        if ((r.ProductRates ?? new Dictionary<string, decimal>()).Values.Any(rate => !UpsertPartnership.IsRate(rate)))
        {
            throw AppException.ForField(ErrorCodes.InvalidCommissionRate, "productRates",
                $"Each product's commission must be between {UpsertPartnership.MinRate} and {UpsertPartnership.MaxRate} percent.");
        }

        var host = string.IsNullOrWhiteSpace(r.HostHandle)
            ? await accounts.FindAsync(r.HostId!, ct)
            : await accounts.FindHostByHandleAsync(r.HostHandle, ct);
        if (host is not { Role: Roles.Host })
        {
            throw AppException.ForField(ErrorCodes.UnknownUser, "hostHandle",
                string.IsNullOrWhiteSpace(r.HostHandle) ? "No host with that id." : $"No host with the handle @{r.HostHandle.Trim().TrimStart('@')}.",
                StatusCodes.Status404NotFound);
        }

        var hostId = host.Id;

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
        var partnership = await catalog.ChangePartnershipAsync(brandId, hostId, current =>
        {
            var open = current is { Status: not PartnershipStatus.Ended } ? current : null;
            // Left out, the start stays where it was, so repeating the same proposal changes nothing.
            var proposed = new Partnership(brandId, hostId, r.CommissionRate, productIds, rates, r.ValidFrom ?? open?.ValidFrom ?? now, r.ValidTo,
                PartnershipStatus.Pending, ProposedAt: now);
            // The host is paid under the terms they accepted: the same terms keep the consent, new ones ask for it again.
            return open is not null && open.HasSameTerms(proposed) ? open : proposed;
        }, ct);
        await audit.RecordAsync(command.Actor, AuditActions.PartnershipProposed, $"{brandId}/{hostId}", $"{partnership.Status}, {partnership.CommissionRate}%", ct);
        return await accounts.DescribeAsync(partnership, ct);
    }
}
