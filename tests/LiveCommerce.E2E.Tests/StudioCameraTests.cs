using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using LiveCommerce.TestKit;
using LiveCommerce.TestKit.Processes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

/// <summary>
/// A node with a real media engine (nginx-rtmp), behind a front nginx that serves the app and the engine's
/// HLS on one origin (as a deployment does behind its proxy or CDN), and the host's own Chromium with a
/// fake camera and microphone that it may use without a prompt.
/// </summary>
public sealed class StudioCameraFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public VideoEngineProcess Engine { get; } = VideoEngineProcess.Reserve();

    public TestNode Node { get; private set; } = default!;

    public NginxProcess Front { get; private set; } = default!;

    /// <summary>Where both browsers go: the front, so the app, its sockets and the HLS share an origin.</summary>
    public Uri Address => Front.Address;

    /// <summary>Chromium with a fake camera (a test pattern) and microphone (a beep), granted without asking.</summary>
    public IBrowser HostBrowser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var settings = Engine.Settings();
        settings["Video:Engine:PlaybackBaseUrl"] = "/hls";
        Node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), SharedRedis.UniquePrefix(), settings);
        Front = await NginxProcess.StartAsync([Node.Address.Port], hlsPort: Engine.HttpPort);
        await Engine.StartAsync(Node.Address);

        _playwright = await Playwright.CreateAsync();
        HostBrowser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LIVECOMMERCE_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (HostBrowser is not null)
        {
            await HostBrowser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Engine.DisposeAsync();
        if (Front is not null)
        {
            await Front.DisposeAsync();
        }

        if (Node is not null)
        {
            await Node.DisposeAsync();
        }
    }
}

/// <summary>The host goes live from the studio with the browser's camera; another browser watches it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioCameraTests(BrowserFixture fx, StudioCameraFixture video) : IClassFixture<StudioCameraFixture>
{
    private const float VideoTimeout = 45_000;

    [Fact]
    public async Task The_host_goes_live_from_a_fake_camera_in_the_studio_and_a_viewer_sees_the_video_play()
    {
        StreamDto stream;
        using (var mia = video.Node.Authorized(await video.Node.TokenAsync("mia")))
        {
            var response = await mia.PostAsJsonAsync("/api/streams", new ScheduleStreamRequest("Live from my kitchen", "E2E", DateTimeOffset.UtcNow.AddMinutes(5), null, null), Simulator.LiveApi.Json);
            stream = await BrowserFixture.Read<StreamDto>(response);
        }

        // The host, on a phone-sized screen, opens her studio (a full load: the only kind that may use the camera).
        await using var hostContext = await video.HostBrowser.NewContextAsync(new()
        {
            BaseURL = video.Address.ToString(),
            Locale = "en-US",
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Permissions = ["camera", "microphone"],
        });
        hostContext.SetDefaultTimeout(20_000);
        await BrowserFixture.DevSignInAsync(hostContext, "mia");
        var studio = await hostContext.NewPageAsync();
        await studio.GotoAsync($"studio/{stream.Id}");
        var panel = studio.GetByTestId("ingest-panel");
        await Expect(panel.GetByTestId("ingest-status")).ToHaveAttributeAsync("data-status", nameof(IngestStatus.Idle));
        await Expect(panel.GetByTestId("ingest-key")).ToHaveAttributeAsync("type", "password");

        // From the keyboard: the key shows and hides with Enter on its button.
        await panel.GetByTestId("show-key").FocusAsync();
        await studio.Keyboard.PressAsync("Enter");
        await Expect(panel.GetByTestId("ingest-key")).ToHaveAttributeAsync("type", "text");
        await Expect(panel.GetByTestId("ingest-key")).ToHaveValueAsync(new Regex($"^{Regex.Escape(stream.Id)}\\?key=.+"));
        await studio.Keyboard.PressAsync("Enter");
        await Expect(panel.GetByTestId("ingest-key")).ToHaveAttributeAsync("type", "password");

        // Camera on: her own picture, before anything is sent.
        var broadcast = panel.GetByTestId("browser-broadcast");
        await broadcast.GetByTestId("camera-on").ClickAsync();
        await Expect(broadcast).ToHaveAttributeAsync("data-state", "Ready");
        await studio.WaitForFunctionAsync("() => document.querySelector('[data-testid=camera-preview]').readyState >= 2", null, new() { Timeout = VideoTimeout });
        await Expect(broadcast.GetByTestId("browser-broadcast-error")).ToBeEmptyAsync();
        Assert.Empty(await studio.EvaluateAsync<string[]>(AccessibilityTests.Unlabelled));

        // Sending: the engine takes it, and the stream goes live at once.
        await broadcast.GetByTestId("browser-go-live").ClickAsync();
        await Expect(broadcast).ToHaveAttributeAsync("data-state", "Sending", new() { Timeout = VideoTimeout });
        await Expect(panel.GetByTestId("ingest-status")).ToHaveAttributeAsync("data-status", nameof(IngestStatus.Publishing), new() { Timeout = VideoTimeout });
        await Expect(studio.GetByTestId("end-stream")).ToBeVisibleAsync(new() { Timeout = VideoTimeout });
        await WaitForPlaylistAsync(stream.Id);

        // The studio's own preview starts on the same HLS; the panel fits a 390 px phone.
        await studio.WaitForFunctionAsync("() => document.querySelector('[data-testid=ingest-panel] [data-testid=player]').currentTime > 0", null, new() { Timeout = VideoTimeout });
        var box = await panel.BoundingBoxAsync();
        Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 390, $"The video panel does not fit 390 px: {box?.X} + {box?.Width}.");
        await fx.ScreenshotAsync(studio, "studio-camera");

        // A viewer in another browser: the video plays, and keeps playing.
        await using var viewerContext = await fx.NewContextAsync(video.Address);
        var watch = await viewerContext.NewPageAsync();
        await watch.GotoAsync($"watch/{stream.Id}");
        await PlaysForTwoSecondsAsync(watch, "[data-testid=player]");

        // Stop: the socket closes normally, the stream shows reconnecting with its countdown, the camera stays on.
        await broadcast.GetByTestId("browser-stop").ClickAsync();
        await Expect(broadcast).ToHaveAttributeAsync("data-state", "Ready", new() { Timeout = VideoTimeout });
        await Expect(broadcast.GetByTestId("browser-broadcast-status")).ToContainTextAsync("Stopped");
        await Expect(panel.GetByTestId("ingest-status")).ToHaveAttributeAsync("data-status", nameof(IngestStatus.Reconnecting), new() { Timeout = VideoTimeout });
        await Expect(panel.GetByTestId("reconnecting-countdown")).ToHaveTextAsync(new Regex(@"\d+:\d\d"));
    }

    [Fact]
    public async Task A_host_who_reaches_the_studio_by_a_link_inside_the_app_gets_the_camera_after_one_reload()
    {
        StreamDto stream;
        using (var mia = video.Node.Authorized(await video.Node.TokenAsync("mia")))
        {
            var response = await mia.PostAsJsonAsync("/api/streams", new ScheduleStreamRequest("Reloaded for the camera", "E2E", DateTimeOffset.UtcNow.AddMinutes(5), null, null), Simulator.LiveApi.Json);
            stream = await BrowserFixture.Read<StreamDto>(response);
        }

        await using var hostContext = await video.HostBrowser.NewContextAsync(new() { BaseURL = video.Address.ToString(), Permissions = ["camera", "microphone"] });
        hostContext.SetDefaultTimeout(20_000);
        await BrowserFixture.DevSignInAsync(hostContext, "mia");
        var page = await hostContext.NewPageAsync();

        // Loaded at the home page (camera forbidden there), then into the studio without a reload.
        await page.GotoAsync("");
        await Expect(page.GetByTestId("current-user")).ToBeVisibleAsync();
        await page.GetByTestId("nav-studio").ClickAsync();
        await page.GetByTestId("studio-stream-link").Filter(new() { HasText = stream.Title }).ClickAsync();
        await Expect(page.GetByTestId("ingest-panel")).ToBeVisibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.featurePolicy.allowsFeature('camera')"));

        var broadcast = page.GetByTestId("browser-broadcast");
        await broadcast.GetByTestId("camera-on").ClickAsync();
        // The address, polled: WaitForURL also waits for a "load" event it can miss across a forced reload.
        await Expect(page).ToHaveURLAsync(new Regex($"/studio/{Regex.Escape(stream.Id)}\\?camera=on$"), new() { Timeout = VideoTimeout });
        await Expect(page.GetByTestId("browser-broadcast")).ToHaveAttributeAsync("data-state", "Ready", new() { Timeout = VideoTimeout });
        Assert.True(await page.EvaluateAsync<bool>("() => document.featurePolicy.allowsFeature('camera')"));
    }

    private async Task WaitForPlaylistAsync(string streamId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await video.Engine.PlaylistAsync(streamId))?.Contains(".ts", StringComparison.Ordinal) != true)
        {
            Assert.True(DateTime.UtcNow < deadline, "The engine made no HLS segment of the browser's video.");
            await Task.Delay(250);
        }
    }

    /// <summary>The video's clock moves on by two seconds (it plays, not just loads); on a timeout, says what the player saw.</summary>
    private static async Task PlaysForTwoSecondsAsync(IPage page, string selector)
    {
        var js = $"document.querySelector('{selector}')";
        try
        {
            await page.WaitForFunctionAsync($"() => {js}?.currentTime > 0", null, new() { Timeout = VideoTimeout });
            var start = await page.EvaluateAsync<double>($"() => {js}.currentTime");
            await page.WaitForFunctionAsync($"start => {js}.currentTime >= start + 2", start, new() { Timeout = VideoTimeout });
        }
        catch (TimeoutException)
        {
            var state = await page.EvaluateAsync<string>(
                $"() => {{ const v = {js}; return v ? JSON.stringify({{ src: v.currentSrc, mode: v.parentElement.dataset.playback, readyState: v.readyState, error: v.error?.message, currentTime: v.currentTime, paused: v.paused }}) : 'no player'; }}");
            Assert.Fail($"{selector} did not play for two seconds: {state}");
        }
    }
}
