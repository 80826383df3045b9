using System.Text.Json.Serialization;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Demo;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Admin;
using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.FirstScreen;
using LiveCommerce.Server.Features.Comments;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Fulfilment;
using LiveCommerce.Server.Features.Fx;
using LiveCommerce.Server.Features.Shipping;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Features.Replays;
using LiveCommerce.Server.Features.Streams;
using LiveCommerce.Server.Infrastructure.Blob;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Local.DemoClip;
using LiveCommerce.Server.Infrastructure.NginxRtmp;
using LiveCommerce.Server.Infrastructure.Payments;
using LiveCommerce.Server.Infrastructure.Postgres;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.Server.Infrastructure.Smtp;
using LiveCommerce.Server.Operations;
using LiveCommerce.Server.Pipeline;
using LiveCommerce.Server.Realtime;

namespace LiveCommerce.Server;

/// <summary>The two calls Program.cs makes. Each area wires itself in one Add/Map extension.</summary>
public static class LiveCommerceHosting
{
    public static WebApplicationBuilder AddLiveCommerce(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<AppExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddLiveCommerceRateLimits();

        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });

        builder.AddLiveCommerceAuth();
        var backplane = builder.AddAdapters();
        builder.AddAccounts();
        builder.AddAdmin();
        builder.AddLiveCommerceRealtime(backplane);
        builder.AddStreams();
        builder.AddFirstScreen();
        builder.AddReplays();
        builder.AddMedia();
        builder.AddFx();
        builder.AddShipping();
        builder.AddPins();
        builder.AddLiveCommerceComments();
        builder.AddFlashSales();
        builder.AddAttribution();
        builder.AddFulfilment();
        builder.AddLiveCommerceDemo();
        builder.AddLiveCommerceHealth();
        builder.AddLiveCommerceCors();
        builder.AddLiveCommerceForwardedHeaders();
        builder.AddSecretSafeLogging();
        builder.AddLiveCommerceTelemetry();
        return builder;
    }

    /// <summary>
    /// The one place the adapter set is chosen: Redis when <c>Redis:Configuration</c> is set, else
    /// in-process stores; Blob when <c>Blob:ConnectionString</c> is set, else a local folder; accounts
    /// on PostgreSQL when <c>Accounts:ConnectionString</c> (or <c>ConnectionStrings:Accounts</c>) is
    /// set, else on a SQLite file. Each adapter registration adds its own readiness check. Returns the
    /// SignalR backplane that goes with the set, for Realtime to apply.
    /// Features register only their handlers, services and options.
    /// </summary>
    private static Backplane AddAdapters(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        services.AddOptions<BlobOptions>().BindConfiguration(BlobOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new();
        if (redis.Enabled)
        {
            services.AddRedisAdapters(redis);
        }
        else
        {
            services.AddLocalAdapters();
        }

        // Payments: Stripe when Payments:Provider=Stripe, else the simulated provider (test mode; refused in
        // Production unless Payments:AllowSimulatedInProduction, see AddFlashSales).
        var payments = builder.Configuration.GetSection(PaymentOptions.Section).Get<PaymentOptions>() ?? new();
        if (payments.UsesStripe)
        {
            services.AddStripePayments();
        }
        else
        {
            services.AddSimulatedPayments();
        }

        var blob = builder.Configuration.GetSection(BlobOptions.Section).Get<BlobOptions>() ?? new();
        if (blob.UsesBlob)
        {
            services.AddBlobAdapters(blob);
        }
        else
        {
            services.AddLocalFolderAdapters(string.IsNullOrWhiteSpace(blob.LocalPath)
                ? Path.Combine(builder.Environment.ContentRootPath, ".data", "media")
                : blob.LocalPath);
        }

        // Mail: SMTP when Mail:Smtp:Host is set, else .eml files in a local folder (default .data/mail), link logged.
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var mail = builder.Configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new();
        if (mail.UsesSmtp)
        {
            services.AddSmtpAdapters(mail);
        }
        else
        {
            services.AddLocalMailFolder(string.IsNullOrWhiteSpace(mail.LocalPath)
                ? Path.Combine(builder.Environment.ContentRootPath, ".data", "mail")
                : mail.LocalPath, mail.From);
        }

        // Video: nginx-rtmp when Video:Engine:RtmpUrl is set, else the demo clip for every stream.
        var video = builder.Configuration.GetSection(VideoOptions.Section).Get<VideoOptions>() ?? new();
        if (video.UsesEngine)
        {
            services.AddNginxRtmpEngine(video.Engine);
        }
        else
        {
            services.AddDemoClipEngine();
        }

        var accounts = builder.Configuration.GetSection(AccountsOptions.Section).Get<AccountsOptions>() ?? new();
        if (AccountsOptions.PostgresConnectionString(builder.Configuration) is { } postgres)
        {
            services.AddPostgresAdapters(postgres);
        }
        else
        {
            services.AddSqliteAccounts(string.IsNullOrWhiteSpace(accounts.SqlitePath)
                ? Path.Combine(builder.Environment.ContentRootPath, ".data", "accounts.db")
                : accounts.SqlitePath);
        }

        // Scale-out, one of three (docs/OPERATIONS.md):
        // - Azure:SignalR:ConnectionString set: Azure SignalR Service holds the client connections and
        //   groups; nodes need no backplane (the Redis stores are still used for state and the event log).
        // - else Redis: the Redis backplane shares groups between nodes.
        // - else a single node, in process.
        var azureSignalR = builder.Configuration[RealtimeRegistration.AzureSignalRConnectionStringKey];
        if (!string.IsNullOrWhiteSpace(azureSignalR))
        {
            return new Backplane.AzureSignalR(azureSignalR);
        }

        return redis.Enabled ? new Backplane.Redis(redis.Configuration, redis.KeyPrefix) : new Backplane.InProcess();
    }

    public static WebApplication MapLiveCommerce(this WebApplication app)
    {
        app.UseLiveCommerceForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        if (app.Environment.IsDevelopment())
        {
            app.UseWebAssemblyDebugging();
        }

        // `dotnet run` (Development) serves the build's files as the Blazor dev server does: its Debug-build
        // static-asset manifest points at gzip files stored without compression (26.5 MB for a first visit
        // instead of 11.4 MB; docs/BENCHMARKS.md), while the framework middleware serves the Blazor build's
        // real gzip copies. Elsewhere (a published app) the static-asset endpoints below serve everything.
        if (app.Environment.IsDevelopment())
        {
            app.UseBlazorFrameworkFiles();
            app.UseStaticFiles();
        }

        app.UseCors(CorsRegistration.Policy);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseImmutableRuntimeFiles();

        app.MapAuthEndpoints();
        app.MapAccountEndpoints();
        app.MapStreamEndpoints();
        app.MapIngestEndpoints();
        app.MapMediaEndpoints();
        app.MapFxEndpoints();
        app.MapShippingEndpoints();
        app.MapCatalogEndpoints();
        app.MapPinEndpoints();
        app.MapReplayEndpoints();
        app.MapCommentEndpoints();
        app.MapFlashSaleEndpoints();
        app.MapOrderEndpoints();
        app.MapPaymentEndpoints();
        app.MapFulfilmentEndpoints();
        app.MapAttributionEndpoints();
        app.MapAdminEndpoints();
        app.MapDemoClip();
        app.MapLiveHub();
        app.MapLiveCommerceHealth();
        app.MapLiveCommerceMetrics();
        app.MapFirstScreenPages();
        if (!app.Environment.IsDevelopment())
        {
            // The published client's files, as its manifest lists them: Brotli or gzip copies chosen by
            // Accept-Encoding and answered with Vary: Accept-Encoding (the framework middleware says
            // "Vary: Content-Encoding", and compresses nothing outside _framework), ETags, cache headers.
            app.MapStaticAssets();
        }

        app.MapFallbackToFile("index.html");
        return app;
    }
}
