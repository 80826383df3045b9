using LiveCommerce.Server.Features.Streams;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCommerce.Server.Features.Replays;

public static class ReplaysRegistration
{
    public static WebApplicationBuilder AddReplays(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ReplayVideos>();
        // Also a notification handler (registered by Mediator); GetReplay uses it to archive late.
        services.TryAddSingleton<ArchiveReplay>();
        services.AddSingleton<ArchiveRecordings>();

        // Only a node that sees the engine's recordings folder archives recordings.
        var video = builder.Configuration.GetSection(VideoOptions.Section).Get<VideoOptions>() ?? new();
        if (video.UsesEngine && !string.IsNullOrWhiteSpace(video.Engine.RecordingsPath))
        {
            services.AddHostedService(sp => sp.GetRequiredService<ArchiveRecordings>());
        }

        return builder;
    }
}
