using LiveCommerce.Contracts;
using LiveCommerce.Server.Demo;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Demo;

/// <summary>The demo streams play the clip the server bundles, as a live playlist: no internet needed.</summary>
public sealed class DemoClipTests
{
    [Fact]
    public async Task With_no_engine_the_demo_stream_plays_the_bundled_clip_as_a_live_playlist()
    {
        await using var node = await TestNode.StartAsync(null, "clip", new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:CrowdSize"] = "0" });
        var stream = await WaitForStreamAsync(node);
        Assert.Equal("/video/demo/live.m3u8", stream.PlaybackUrl);

        using var playlist = await node.Http.GetAsync(stream.PlaybackUrl);
        playlist.EnsureSuccessStatusCode();
        Assert.Equal("application/vnd.apple.mpegurl", playlist.Content.Headers.ContentType?.MediaType);
        Assert.True(playlist.Headers.CacheControl?.NoCache);
        var text = await playlist.Content.ReadAsStringAsync();
        Assert.StartsWith("#EXTM3U\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("#EXT-X-ENDLIST", text, StringComparison.Ordinal);

        var segment = text.Split('\n').Last(l => l.EndsWith(".ts", StringComparison.Ordinal));
        using var video = await node.Http.GetAsync("/video/demo/" + segment);
        video.EnsureSuccessStatusCode();
        Assert.Equal("video/mp2t", video.Content.Headers.ContentType?.MediaType);
        Assert.True(video.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(1));
        var bytes = await video.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 10_000 && bytes.Length % 188 == 0 && bytes[0] == 0x47, "an MPEG-TS segment (188-byte packets)");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await node.Http.GetAsync("/video/demo/-1.ts")).StatusCode);
    }

    [Fact]
    public async Task With_an_engine_the_demo_streams_point_at_the_engine()
    {
        await using var node = await TestNode.StartAsync(null, "clip-engine", new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:CrowdSize"] = "0",
            ["Video:Engine:RtmpUrl"] = "rtmp://127.0.0.1:1935/live",
            ["Video:Secret"] = "test-video-secret-0123456789abcdef",
        });
        Assert.Equal("/hls/demo-live.m3u8", (await WaitForStreamAsync(node)).PlaybackUrl);
    }

    private static async Task<StreamDto> WaitForStreamAsync(TestNode node)
    {
        // Seeded in the background: poll the public read, as a visitor would see it appear.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await node.Http.GetAsync($"/api/streams/{DemoSeeder.LiveStreamId}", deadline.Token);
            if (response.IsSuccessStatusCode)
            {
                return await LiveApi.ReadAsync<StreamDto>(response);
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
