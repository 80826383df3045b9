using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Orders;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>Everything the service holds about the person, as one JSON document (the right of access).</summary>
public sealed record ExportMyData(Actor Actor) : IQuery<MyDataExport>;

/// <summary>The export's shape: the account, its profile and memberships, its sessions (never token values), its orders, its address book.</summary>
public sealed record MyDataExport(
    DateTimeOffset ExportedAt,
    MeDto Account,
    DateTimeOffset CreatedAt,
    IReadOnlyList<MyDataExport.Session> Sessions,
    IReadOnlyList<OrderDto> Orders)
{
    public IReadOnlyList<AddressDto> Addresses { get; init; } = [];

    public sealed record Session(DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);
}

public sealed class ExportMyDataHandler(IServiceScopeFactory scopes, Sessions sessions, IOrderLog orders, TimeProvider clock) : IQueryHandler<ExportMyData, MyDataExport>
{
    /// <summary>The order log keeps a buyer index of this depth; older orders are in the archived books.</summary>
    private const int OrderLimit = 1000;

    public async ValueTask<MyDataExport> Handle(ExportMyData query, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        var user = await work.RequireUserAsync(query.Actor);
        var tokens = await work.Db.RefreshTokens.AsNoTracking().Where(t => t.UserId == user.Id).ToListAsync(ct);
        return new MyDataExport(
            clock.GetUtcNow(),
            await GetMeHandler.DescribeAsync(work, sessions, user, ct),
            user.CreatedAt,
            [.. tokens.OrderBy(t => t.CreatedAt).Select(t => new MyDataExport.Session(t.CreatedAt, t.ExpiresAt, t.RevokedAt))],
            await orders.ListForBuyerAsync(user.Id, OrderLimit, ct))
        {
            Addresses = await Shipping.ListAddressesHandler.ListAsync(work.Db, user.Id, ct),
        };
    }
}
