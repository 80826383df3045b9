using LiveCommerce.Server.Operations;

namespace LiveCommerce.UnitTests.Operations;

/// <summary>
/// The video engine may serve HLS from its own origin (plain http on another port in tests and
/// single-box deployments); the CSP must let the player reach it, and nothing else from the setting.
/// </summary>
public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8088/hls", "http://127.0.0.1:8088")]
    [InlineData("https://video.example.com/hls/", "https://video.example.com")]
    [InlineData("http://viewer:secret@video.example.com:8080/hls?x=1;script-src *", "http://video.example.com:8080")]
    [InlineData("/hls", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("rtmp://127.0.0.1:1935/live", null)]
    public void Only_an_absolute_http_playback_url_gives_an_origin_and_only_its_origin(string? playbackBaseUrl, string? origin) =>
        Assert.Equal(origin, SecurityHeaders.PlaybackOrigin(playbackBaseUrl));

    [Fact]
    public void The_playback_origin_is_a_media_and_connect_source_and_nothing_more()
    {
        var directives = Directives(SecurityHeaders.ContentSecurityPolicy("http://127.0.0.1:8088"));

        Assert.Equal("'self' https: blob: http://127.0.0.1:8088", directives["media-src"]);
        Assert.Equal("'self' ws: wss: https: http://127.0.0.1:8088", directives["connect-src"]);
        Assert.Equal("'self' 'wasm-unsafe-eval'", directives["script-src"]);
        Assert.Equal(
            Directives(SecurityHeaders.ContentSecurityPolicy(null)).Where(d => d.Key is not ("media-src" or "connect-src")),
            directives.Where(d => d.Key is not ("media-src" or "connect-src")));
    }

    [Fact]
    public void Without_an_engine_origin_video_comes_only_from_this_origin_https_or_blobs()
    {
        var directives = Directives(SecurityHeaders.ContentSecurityPolicy(null));
        Assert.Equal("'self' https: blob:", directives["media-src"]);
        Assert.Equal("'self' ws: wss: https:", directives["connect-src"]);
    }

    private static Dictionary<string, string> Directives(string policy) => policy
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => d.Split(' ', 2))
        .ToDictionary(d => d[0], d => d[1], StringComparer.Ordinal);
}
