using LiveCommerce.Server.Features.Streams;

namespace LiveCommerce.Server.Infrastructure.Local.DemoClip;

/// <summary>The in-process video default: every stream plays the demo clip as a looping live playlist; no ingest.</summary>
public sealed class DemoClipEngine : IVideoEngine
{
    public const string PlaylistPath = "/video/demo/live.m3u8";

    public string PlaybackUrl(string streamId) => PlaylistPath;

    public string? PublicIngestUrl => null;

    public string? InternalIngestUrl => null;
}

public static class DemoClipAdapters
{
    public static IServiceCollection AddDemoClipEngine(this IServiceCollection services) =>
        services.AddSingleton<IVideoEngine, DemoClipEngine>();
}
