using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// Deletes the account, given its password: the person's name, email, password, profile, sessions,
/// memberships and address book go. Orders stay in the books, which name a buyer only by an id that no longer leads
/// to anyone. The last owner of a brand must hand it over first.
/// </summary>
public sealed record DeleteMyAccount(Actor Actor, DeleteAccountRequest Request) : ICommand, IValidated
{
    public void Validate(Validator v) => v.Password("password", Request?.Password);
}

public sealed class DeleteMyAccountHandler(IServiceScopeFactory scopes) : ICommandHandler<DeleteMyAccount>
{
    public async ValueTask<Unit> Handle(DeleteMyAccount command, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        var user = await work.RequireUserAsync(command.Actor);
        if (!await work.Users.CheckPasswordAsync(user, command.Request.Password))
        {
            throw new AppException(ErrorCodes.InvalidCredentials, "The password is not right.", StatusCodes.Status401Unauthorized);
        }

        var owned = await work.Db.BrandMembers.Where(m => m.UserId == user.Id && m.Role == BrandRoles.Owner).Select(m => m.BrandId).ToListAsync(ct);
        foreach (var brand in owned)
        {
            if (!await work.Db.BrandMembers.AnyAsync(m => m.BrandId == brand && m.UserId != user.Id && m.Role == BrandRoles.Owner, ct))
            {
                throw AppException.Conflict(ErrorCodes.LastOwner, "You are the only owner of a brand: make another member an owner first.");
            }
        }

        // Sessions, host profile, memberships and addresses go with the user row (cascade).
        var result = await work.Users.DeleteAsync(user);
        if (!result.Succeeded)
        {
            throw AppException.Conflict(ErrorCodes.ValidationFailed, "The account changed meanwhile; try again.");
        }

        return Unit.Value;
    }
}
