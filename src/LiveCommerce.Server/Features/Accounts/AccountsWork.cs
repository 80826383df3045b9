using Microsoft.AspNetCore.Identity;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// One unit of work on accounts: the DbContext and Identity's <see cref="UserManager{TUser}"/> over
/// it, in a DI scope of their own. Handlers are singletons and a DbContext is not thread-safe, so
/// each action opens one (<see cref="AccountsWorkExtensions.OpenAccounts"/>) and disposes it.
/// </summary>
public sealed class AccountsWork(AsyncServiceScope scope) : IAsyncDisposable
{
    public AccountsDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();

    public UserManager<AppUser> Users { get; } = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

public static class AccountsWorkExtensions
{
    public static AccountsWork OpenAccounts(this IServiceScopeFactory scopes) => new(scopes.CreateAsyncScope());
}
