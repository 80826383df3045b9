using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using LiveCommerce.Server.Infrastructure.Redis;
using StackExchange.Redis;

namespace LiveCommerce.Server.Realtime;

public static class RealtimeRegistration
{
    public static WebApplicationBuilder AddLiveCommerceRealtime(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LocalViewers>();
        services.AddSingleton<HubFloodGuard>();
        services.AddSingleton<LiveBroadcaster>();
        services.AddSingleton<ILiveEvents>(sp => sp.GetRequiredService<LiveBroadcaster>());
        services.AddHostedService<ViewerCountPublisher>();

        var signalR = services
            .AddSignalR(o =>
            {
                o.AddFilter<HubErrorFilter>();
                o.AddFilter<HubFloodGuard>();
                o.EnableDetailedErrors = false;
                o.MaximumReceiveMessageSize = 32 * 1024;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .AddMessagePackProtocol();

        // Several nodes share groups through the Redis backplane; one node needs none.
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new();
        if (redis.Enabled)
        {
            signalR.AddStackExchangeRedis(redis.Configuration, o =>
            {
                o.Configuration.ChannelPrefix = RedisChannel.Literal(redis.KeyPrefix + ":signalr");
                o.Configuration.AbortOnConnectFail = false;
            });
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapLiveHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>(LiveHub.Path);
        return app;
    }
}
