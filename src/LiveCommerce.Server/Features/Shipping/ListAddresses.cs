using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Shipping;

/// <summary>The caller's address book, the default first.</summary>
public sealed record ListAddresses(Actor Actor) : IQuery<IReadOnlyList<AddressDto>>;

public sealed class ListAddressesHandler(IServiceScopeFactory scopes) : IQueryHandler<ListAddresses, IReadOnlyList<AddressDto>>
{
    public async ValueTask<IReadOnlyList<AddressDto>> Handle(ListAddresses query, CancellationToken ct)
    {
        query.Actor.RequireAccount("keep addresses");
        await using var work = scopes.OpenAccounts();
        return await ListAsync(work.Db, query.Actor.UserId, ct);
    }

    public static async Task<IReadOnlyList<AddressDto>> ListAsync(AccountsDbContext db, string userId, CancellationToken ct)
    {
        var rows = await db.Addresses.AsNoTracking().Where(a => a.UserId == userId).ToListAsync(ct);
        return [.. rows.OrderByDescending(a => a.IsDefault).ThenBy(a => a.CreatedAt).Select(a => a.ToDto())];
    }

    /// <summary>One of the caller's own addresses; another person's id reads as not found (it says nothing about them).</summary>
    public static async Task<Address> RequireOwnAsync(AccountsDbContext db, string userId, string? addressId, CancellationToken ct) =>
        TextRules.IsId(addressId) && await db.Addresses.SingleOrDefaultAsync(a => a.Id == addressId && a.UserId == userId, ct) is { } address
            ? address
            : throw AppException.ForField(ErrorCodes.AddressNotFound, "addressId", "No such address in your address book.", StatusCodes.Status404NotFound);
}
