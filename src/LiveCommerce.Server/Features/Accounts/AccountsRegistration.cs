using LiveCommerce.Server.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// ASP.NET Core Identity on <see cref="AccountsDbContext"/>, sessions, account mail, and the
/// migrations at start. The DbContext itself (which provider) is registered by the host's adapter
/// choice, and so is the signer of access tokens (<see cref="IAccessTokens"/>).
/// </summary>
public static class AccountsRegistration
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section).ValidateDataAnnotations()
            // Mailed links built from the request's Host header could be pointed at another site (reset-link poisoning).
            .Validate(o => development || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _),
                "Accounts:PublicBaseUrl is not set outside Development: set it to the web app's public address (e.g. https://shop.example.com); confirmation and reset links point there.")
            .ValidateOnStart();
        builder.Services.AddHostedService<MigrateAtStart<AccountsDbContext>>();
        builder.Services.AddAccountsIdentity();
        builder.Services.AddSingleton<Sessions>();
        builder.Services.AddSingleton<AccountMail>();
        builder.Services.AddSingletonHostedService<MailOutbox>();
        builder.Services.AddSingleton<AccountDirectory>();
        return builder;
    }

    /// <summary>Identity's stores, managers and token providers for <see cref="AppUser"/>, without cookies or UI.</summary>
    public static IServiceCollection AddAccountsIdentity(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<GuessablePasswordValidator>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountsOptions>>((o, accounts) =>
        {
            o.Lockout.MaxFailedAccessAttempts = accounts.Value.MaxFailedSignIns;
            o.Lockout.DefaultLockoutTimeSpan = accounts.Value.LockoutDuration;
        });
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<IOptions<AccountsOptions>>((o, accounts) =>
            o.TokenLifespan = accounts.Value.LinkLifetime);

        // Confirmation and reset links are data-protected; the key ring lives in the accounts database
        // so every node (and the next start) reads the links the others mailed.
        services.AddDataProtection().SetApplicationName("LiveCommerce").PersistKeysToDbContext<AccountsDbContext>();
        return services;
    }
}
