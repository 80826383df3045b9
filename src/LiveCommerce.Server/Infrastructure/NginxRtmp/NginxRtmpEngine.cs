using Microsoft.Extensions.Diagnostics.HealthChecks;
using LiveCommerce.Server.Features.Streams;

namespace LiveCommerce.Server.Infrastructure.NginxRtmp;

/// <summary>
/// nginx with the RTMP module: encoders publish <c>{RtmpUrl}/{streamId}?key=…</c>, the engine asks the
/// server (<c>on_publish</c>) and serves HLS at <c>{PlaybackBaseUrl}/{streamId}.m3u8</c>. The key is a
/// query argument, never part of the stream name, so it never appears in a viewer's URL.
/// </summary>
public sealed class NginxRtmpEngine(VideoEngineOptions options) : IVideoEngine
{
    public string PlaybackUrl(string streamId) => $"{options.PlaybackBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(streamId)}.m3u8";

    public string? PublicIngestUrl => string.IsNullOrWhiteSpace(options.PublicRtmpUrl) ? options.RtmpUrl : options.PublicRtmpUrl;

    public string? InternalIngestUrl => options.RtmpUrl;
}

public static class NginxRtmpAdapters
{
    public static IServiceCollection AddNginxRtmpEngine(this IServiceCollection services, VideoEngineOptions options)
    {
        services.AddSingleton<IVideoEngine>(new NginxRtmpEngine(options));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            "media-engine", _ => new NginxRtmpHealthCheck(options), HealthStatus.Degraded, [Operations.HealthRegistration.Ready]));
        return services;
    }
}
