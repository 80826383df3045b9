using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Shipping;

/// <summary>
/// Adds an address to the caller's book (<paramref name="AddressId"/> null) or replaces one of theirs.
/// Checked against the country's rules first (<see cref="AddressRules"/>): nothing is saved on refusal.
/// The first address, or one marked default, becomes the default.
/// </summary>
public sealed record SaveAddress(Actor Actor, string? AddressId, AddressRequest Request) : ICommand<AddressDto>;

public sealed class SaveAddressHandler(IServiceScopeFactory scopes, ShippingDirectory directory, TimeProvider clock) : ICommandHandler<SaveAddress, AddressDto>
{
    public async ValueTask<AddressDto> Handle(SaveAddress command, CancellationToken ct)
    {
        command.Actor.RequireAccount("keep addresses");
        AddressRules.Validate(command.Request);
        await using var work = scopes.OpenAccounts();
        var userId = (await work.RequireUserAsync(command.Actor)).Id;
        var now = clock.GetUtcNow();
        var existing = await work.Db.Addresses.Where(a => a.UserId == userId).ToListAsync(ct);
        Address address;
        if (command.AddressId is null)
        {
            if (existing.Count >= AddressRules.MaxPerUser)
            {
                throw AppException.Conflict(ErrorCodes.TooManyAddresses, $"You can keep at most {AddressRules.MaxPerUser} addresses; delete one first.");
            }

            address = new Address { Id = Guid.NewGuid().ToString("N"), UserId = userId, CreatedAt = now };
            work.Db.Addresses.Add(address);
        }
        else
        {
            address = existing.SingleOrDefault(a => a.Id == command.AddressId)
                ?? throw AppException.NotFound(ErrorCodes.AddressNotFound, "No such address in your address book.");
        }

        AddressRules.Apply(address, command.Request);
        address.UpdatedAt = now;
        if (command.Request.IsDefault || existing.All(a => a.Id == address.Id || !a.IsDefault))
        {
            foreach (var other in existing.Where(a => a.Id != address.Id))
            {
                other.IsDefault = false;
            }

            address.IsDefault = true;
        }

        await work.Db.SaveChangesAsync(ct);
        directory.ForgetViewer(userId);
        return address.ToDto();
    }
}
