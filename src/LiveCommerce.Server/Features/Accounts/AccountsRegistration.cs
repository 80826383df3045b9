using Microsoft.AspNetCore.Identity;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// ASP.NET Core Identity's user manager on <see cref="AccountsDbContext"/>, and the migrations at
/// start. The DbContext itself (which provider) is registered by the host's adapter choice. No
/// authentication scheme changes here: sign-in still goes through <c>Auth/</c>.
/// </summary>
public static class AccountsRegistration
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddAccountsIdentity();
        builder.Services.AddHostedService<MigrateAccountsAtStart>();
        return builder;
    }

    /// <summary>Identity's stores and managers for <see cref="AppUser"/>, without cookies or UI.</summary>
    public static IServiceCollection AddAccountsIdentity(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
            })
            .AddEntityFrameworkStores<AccountsDbContext>();
        return services;
    }
}
