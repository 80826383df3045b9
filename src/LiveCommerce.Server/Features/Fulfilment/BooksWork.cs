using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Fulfilment;

/// <summary>
/// One unit of work on the books in a DI scope of its own (handlers are singletons, a DbContext is not
/// thread-safe). Status changes made through <see cref="OrderLife.Move"/> are pushed to their buyers
/// once <see cref="SaveAsync"/> has stored them, and only then.
/// </summary>
public sealed class BooksWork(AsyncServiceScope scope) : IAsyncDisposable
{
    public OrderBooksDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<OrderBooksDbContext>();

    internal List<(string BuyerId, OrderStatusChanged Change)> Pushes { get; } = [];

    /// <summary>Saves; a change someone else saved first (same version read) is refused with <c>order_changed</c>.</summary>
    public async Task SaveAsync(IOrderStatusNotifier notifier, CancellationToken ct)
    {
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict(ErrorCodes.OrderChanged, "Someone else changed this order at the same moment. Reload and try again.");
        }

        // Stored already; the notifier never throws (a lost push only means the buyer sees it on the next load).
        foreach (var (buyer, change) in Pushes)
        {
            await notifier.OrderStatusChangedAsync(buyer, change, CancellationToken.None);
        }

        Pushes.Clear();
    }

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

public static class BooksWorkExtensions
{
    public static BooksWork OpenBooks(this IServiceScopeFactory scopes) => new(scopes.CreateAsyncScope());
}
