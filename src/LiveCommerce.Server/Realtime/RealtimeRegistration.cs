using System.Text.Json.Serialization;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Attribution;
using LiveCommerce.Server.Features.Comments;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Fulfilment;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Operations;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace LiveCommerce.Server.Realtime;

public static class RealtimeRegistration
{
    /// <summary>When set, Azure SignalR Service replaces the Redis backplane (read by the host, which chooses the <see cref="Backplane"/>).</summary>
    public const string AzureSignalRConnectionStringKey = "Azure:SignalR:ConnectionString";

    /// <summary>The hub, its filters, the Realtime side of the features' ports, and <paramref name="backplane"/>, which the host chose with the adapters.</summary>
    public static WebApplicationBuilder AddLiveCommerceRealtime(this WebApplicationBuilder builder, Backplane backplane)
    {
        var services = builder.Services;
        // SignalR logs every HubException, that is every refusal, at Error with its stack ("Failed to
        // invoke hub method"): a refusal is not a server failure, and a client flooding refused calls
        // would flood the log. HubErrorFilter logs the real failures. (With its logging off, the
        // dispatcher also stops starting a trace activity per call just for log scopes.)
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.None);
        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LocalViewers>();
        // The filters are added as instances: added by type, SignalR wraps each in a factory that
        // looks it up in the call's scope and adds an async frame of its own to every call.
        services.AddSingleton<HubErrorFilter>();
        services.AddSingleton<HubFloodGuard>();
        services.AddSingleton<SuspendedConnections>();
        services.AddOptions<HubOptions>().Configure<HubErrorFilter, HubFloodGuard, SuspendedConnections>((o, errors, guard, suspended) =>
        {
            o.AddFilter(errors); // outermost: turns the guard's refusals into HubExceptions too
            o.AddFilter(guard);
            o.AddFilter(suspended);
        });
        services.AddSingleton<LiveBroadcaster>();
        services.AddSingleton<ILiveEvents>(sp => sp.GetRequiredService<LiveBroadcaster>());
        services.AddHostedService<ViewerCountPublisher>();
        // The Realtime side of the features' ports: batching, coalescing and pushing to viewers.
        services.AddSingletonHostedService<CommentBatcher>();
        services.AddSingleton<ICommentBatcher>(sp => sp.GetRequiredService<CommentBatcher>());
        services.AddSingletonHostedService<ReactionTallier>();
        services.AddSingleton<IReactionCounter>(sp => sp.GetRequiredService<ReactionTallier>());
        services.AddSingletonHostedService<HostMetricsBroadcaster>();
        services.AddSingleton<IHostMetricsNotifier>(sp => sp.GetRequiredService<HostMetricsBroadcaster>());
        services.AddSingletonHostedService<FlashSaleBroadcaster>();
        services.AddSingleton<IFlashSaleNotifier>(sp => sp.GetRequiredService<FlashSaleBroadcaster>());
        services.AddSingleton<IOrderStatusNotifier, OrderStatusBroadcaster>();
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        services.AddHostedService<StreamHeadBeacon>();

        var signalR = services
            .AddSignalR(o =>
            {
                o.EnableDetailedErrors = false;
                o.MaximumReceiveMessageSize = 32 * 1024;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .AddMessagePackProtocol();

        switch (backplane)
        {
            case Backplane.InProcess:
                break;
            case Backplane.AzureSignalR azure:
                signalR.AddAzureSignalR(o => o.ConnectionString = azure.ConnectionString);
                break;
            case Backplane.Redis redis:
                AddRedisBackplane(services, signalR, redis);
                break;
        }

        return builder;
    }

    /// <summary>The Redis backplane shares groups between nodes; readiness checks it (<c>backplane</c>).</summary>
    private static void AddRedisBackplane(IServiceCollection services, ISignalRServerBuilder signalR, Backplane.Redis redis)
    {
        var backplane = new BackplaneConnection(redis.KeyPrefix + ":signalr");
        services.AddSingleton(backplane);
        signalR.AddStackExchangeRedis(redis.Configuration, o =>
        {
            o.Configuration.ChannelPrefix = RedisChannel.Literal(backplane.ChannelPrefix);
            o.Configuration.AbortOnConnectFail = false;
            // The backplane keeps its own multiplexer and does not expose it: make it here and keep
            // a reference so /health/ready can check the very connection the fan-out rides on.
            o.ConnectionFactory = async log =>
            {
                var connection = await ConnectionMultiplexer.ConnectAsync(o.Configuration, log);
                backplane.Attach(connection);
                return connection;
            };
        });
        services.AddHealthChecks().AddCheck<BackplaneHealthCheck>("backplane", tags: [HealthRegistration.Ready]);
    }

    public static IEndpointRouteBuilder MapLiveHub(this IEndpointRouteBuilder app)
    {
        // A connection lives no longer than its access token: a revoked session (signed out everywhere,
        // password changed) loses its live connection within minutes; the client reconnects with a
        // fresh token and resumes from its lastSeq.
        app.MapHub<LiveHub>(LiveHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
