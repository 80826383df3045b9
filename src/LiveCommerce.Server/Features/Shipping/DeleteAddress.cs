using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Shipping;

/// <summary>Removes one of the caller's addresses; when it was the default, the oldest remaining one becomes it.</summary>
public sealed record DeleteAddress(Actor Actor, string AddressId) : ICommand;

public sealed class DeleteAddressHandler(IServiceScopeFactory scopes, ShippingDirectory directory) : ICommandHandler<DeleteAddress>
{
    public async ValueTask<Unit> Handle(DeleteAddress command, CancellationToken ct)
    {
        command.Actor.RequireAccount("keep addresses");
        await using var work = scopes.OpenAccounts();
        var address = await ListAddressesHandler.RequireOwnAsync(work.Db, command.Actor.UserId, command.AddressId, ct);
        work.Db.Addresses.Remove(address);
        if (address.IsDefault)
        {
            var rest = await work.Db.Addresses.Where(a => a.UserId == command.Actor.UserId && a.Id != address.Id).ToListAsync(ct);
            if (rest.OrderBy(a => a.CreatedAt).FirstOrDefault() is { } next)
            {
                next.IsDefault = true;
            }
        }

        await work.Db.SaveChangesAsync(ct);
        directory.ForgetViewer(command.Actor.UserId);
        return Unit.Value;
    }
}
