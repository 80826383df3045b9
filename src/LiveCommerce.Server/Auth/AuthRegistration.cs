using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Admin;
using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Realtime;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Auth;

public static class AuthRegistration
{
    public static WebApplicationBuilder AddLiveCommerceAuth(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.SigningKey.Length is 0 or >= 32, "Auth:SigningKey must be at least 32 characters.")
            // Outside Development a forgotten setting must stop the node, not quietly weaken it.
            .Validate(o => development || !o.EnableDevLogin,
                "Auth:EnableDevLogin is on outside Development: it lets anyone sign in as any demo account without a password. Turn it off.")
            .Validate(o => development || o.SigningKey.Length > 0,
                "Auth:SigningKey is empty outside Development: set one secret of at least 32 characters on every node (a random key per process signs tokens no other node accepts and every restart signs everyone out).")
            .ValidateOnStart();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<IAccessTokens>(sp => sp.GetRequiredService<TokenIssuer>());
        builder.Services.AddSingleton<DemoAccounts>();

        // The demo cast exists only where the demo or dev sign-in runs: there it is asked after the
        // database (where its members become real accounts on first sign-in), and its admin is an admin.
        var cast = development && (builder.Configuration.GetValue<bool>($"{AuthOptions.Section}:{nameof(AuthOptions.EnableDevLogin)}")
            || Demo.DemoRegistration.IsEnabled(builder.Configuration, builder.Environment));
        if (cast)
        {
            builder.Services.AddSingleton<IAccountDirectory>(sp => new FirstFoundDirectory(sp.GetRequiredService<AccountDirectory>(), sp.GetRequiredService<DemoAccounts>()));
            builder.Services.AddOptions<AccountsOptions>().PostConfigure<DemoAccounts>((o, demo) =>
                o.Admins.AddRange(demo.All.Where(a => a.Role == Roles.Admin).Select(DemoAccounts.EmailOf)));
        }
        else
        {
            builder.Services.AddSingleton<IAccountDirectory>(sp => sp.GetRequiredService<AccountDirectory>());
        }
        // Report download links fall back to the token signing key when they have no key of their own.
        builder.Services.AddOptions<AttributionOptions>().PostConfigure<IOptions<AuthOptions>>((o, auth) =>
        {
            if (string.IsNullOrEmpty(o.ExportSigningKey))
            {
                o.ExportSigningKey = auth.Value.SigningKey;
            }
        });
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenIssuer>((options, tokens) =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = tokens.ValidationParameters;
                options.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on WebSockets: the hub and the studio's camera take the token from the query.
                    OnMessageReceived = context =>
                    {
                        if ((context.Request.Path.StartsWithSegments(LiveHub.Path) || Features.Streams.PublishFromBrowser.TakesTokenFromQuery(context.Request.Path))
                            && context.Request.Query["access_token"] is { Count: > 0 } token)
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    // Tokens live 10 minutes: a suspended account's are refused from the moment this node knows.
                    OnTokenValidated = context =>
                    {
                        if (context.Principal?.FindFirst(Common.AuthClaims.Subject)?.Value is { } id
                            && context.HttpContext.RequestServices.GetRequiredService<SuspendedAccounts>().IsSuspended(id))
                        {
                            context.HttpContext.Items[SuspendedKey] = true;
                            context.Fail("The account is suspended.");
                        }

                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        var code = context.HttpContext.Items.ContainsKey(SuspendedKey) ? ErrorCodes.AccountSuspended : ErrorCodes.Unauthenticated;
                        await context.Response.WriteAsJsonAsync(new { title = code, status = 401, code, detail = code == ErrorCodes.AccountSuspended ? "This account is suspended." : "A valid, unexpired token is required." });
                    },
                    OnForbidden = async context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        await context.Response.WriteAsJsonAsync(new { title = ErrorCodes.Forbidden, status = 403, code = ErrorCodes.Forbidden, detail = "Your role cannot do this." });
                    },
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    private static readonly object SuspendedKey = new();

    /// <summary>The first directory that knows the id answers.</summary>
    private sealed class FirstFoundDirectory(params IAccountDirectory[] directories) : IAccountDirectory
    {
        public async ValueTask<Account?> FindAsync(string userId, CancellationToken ct = default)
        {
            foreach (var directory in directories)
            {
                if (await directory.FindAsync(userId, ct) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        public async ValueTask<Account?> FindHostByHandleAsync(string handle, CancellationToken ct = default)
        {
            foreach (var directory in directories)
            {
                if (await directory.FindHostByHandleAsync(handle, ct) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        public async ValueTask<Account?> FindPersonAsync(string handleOrEmail, CancellationToken ct = default)
        {
            foreach (var directory in directories)
            {
                if (await directory.FindPersonAsync(handleOrEmail, ct) is { } found)
                {
                    return found;
                }
            }

            return null;
        }
    }
}
