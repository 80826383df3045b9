using LiveCommerce.Client.Features.Streams;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Tests;

/// <summary>
/// The watch page's player without a browser: what it says while the host's encoder is away,
/// when it attaches the source again, and the unmute button (player.js itself runs in the E2E tests).
/// </summary>
public sealed class VideoPlayerTests
{
    private const string Hls = "http://video.test/hls/s1.m3u8";

    /// <summary>player.js as the component sees it: attach answers that hls.js plays.</summary>
    private static BunitJSModuleInterop Player(ClientTestContext ctx)
    {
        var player = ctx.JSInterop.SetupModule("./js/player.js");
        player.Setup<string>("attach", _ => true).SetResult("hls.js");
        return player;
    }

    private static IRenderedComponent<VideoPlayer> Live(ClientTestContext ctx, bool hostReconnecting = false) =>
        ctx.Render<VideoPlayer>(p => p
            .Add(x => x.Src, Hls)
            .Add(x => x.Status, StreamStatus.Live)
            .Add(x => x.Title, "Glow")
            .Add(x => x.HostReconnecting, hostReconnecting));

    [Fact]
    public void While_the_host_is_away_a_status_over_the_player_says_so_once()
    {
        using var ctx = new ClientTestContext();
        Player(ctx);
        var cut = Live(ctx);

        // The live region is there before it has anything to say, so screen readers announce the text when it appears.
        var status = cut.Find("[data-testid=host-reconnecting]");
        Assert.Equal("status", status.GetAttribute("role"));
        Assert.Equal("false", status.GetAttribute("data-active"));
        Assert.Equal("", status.TextContent.Trim());

        cut.Render(p => p.Add(x => x.HostReconnecting, true));
        status = cut.Find("[data-testid=host-reconnecting]");
        Assert.Equal("true", status.GetAttribute("data-active"));
        Assert.Equal("The host is reconnecting…", status.TextContent.Trim());
    }

    [Fact]
    public void The_status_is_localized()
    {
        using var ctx = new ClientTestContext("es-ES");
        Player(ctx);
        var cut = Live(ctx, hostReconnecting: true);
        Assert.Equal("El presentador se está reconectando…", cut.Find("[data-testid=host-reconnecting]").TextContent.Trim());
    }

    [Fact]
    public void When_the_host_comes_back_the_player_is_revived_on_the_same_source()
    {
        using var ctx = new ClientTestContext();
        var player = Player(ctx);
        var cut = Live(ctx);
        cut.WaitForAssertion(() => Assert.Single(player.Invocations["attach"]));

        cut.Render(p => p.Add(x => x.HostReconnecting, true));
        Assert.Empty(player.Invocations["resume"]); // meanwhile the player keeps what it has and retries by itself

        cut.Render(p => p.Add(x => x.HostReconnecting, false));
        cut.WaitForAssertion(() => Assert.Single(player.Invocations["resume"]));
        Assert.Single(player.Invocations["attach"]); // player.js decides whether to attach anew
        Assert.Equal("false", cut.Find("[data-testid=host-reconnecting]").GetAttribute("data-active"));

        // A later render without a new drop does not resume again.
        cut.Render(p => p.Add(x => x.Title, "Glow, again"));
        Assert.Single(player.Invocations["resume"]);
    }

    [Fact]
    public void An_ended_stream_shows_no_reconnecting_and_plays_nothing()
    {
        using var ctx = new ClientTestContext();
        var player = Player(ctx);
        var cut = ctx.Render<VideoPlayer>(p => p
            .Add(x => x.Src, Hls)
            .Add(x => x.Status, StreamStatus.Ended)
            .Add(x => x.HostReconnecting, true));

        Assert.Equal("false", cut.Find("[data-testid=host-reconnecting]").GetAttribute("data-active"));
        Assert.Contains("This stream has ended.", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(player.Invocations["attach"]);
    }

    [Fact]
    public async Task Muted_autoplay_offers_a_button_to_unmute_until_the_sound_is_on()
    {
        using var ctx = new ClientTestContext();
        var player = Player(ctx);
        var cut = Live(ctx);

        var unmute = cut.WaitForElement("[data-testid=unmute]");
        Assert.Equal("button", unmute.TagName, ignoreCase: true);
        Assert.Contains("Tap to unmute", unmute.TextContent, StringComparison.Ordinal);

        unmute.Click();
        Assert.Single(player.Invocations["unmute"]);

        // player.js reports the sound on (from the button or the native controls): the button goes.
        await cut.InvokeAsync(() => cut.Instance.OnMutedChanged(false));
        Assert.Empty(cut.FindAll("[data-testid=unmute]"));

        await cut.InvokeAsync(() => cut.Instance.OnMutedChanged(true));
        Assert.Single(cut.FindAll("[data-testid=unmute]"));
    }

    [Fact]
    public void Nothing_to_unmute_before_the_stream_is_live()
    {
        using var ctx = new ClientTestContext();
        Player(ctx);
        var cut = ctx.Render<VideoPlayer>(p => p
            .Add(x => x.Src, Hls)
            .Add(x => x.Status, StreamStatus.Upcoming)
            .Add(x => x.UpcomingText, "Starts at 6 PM"));

        Assert.Empty(cut.FindAll("[data-testid=unmute]"));
        Assert.Contains("Starts at 6 PM", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_that_keeps_failing_says_so_until_it_plays_again_but_not_over_the_hosts_absence()
    {
        using var ctx = new ClientTestContext();
        var player = Player(ctx);
        var cut = Live(ctx);
        cut.WaitForAssertion(() => Assert.Single(player.Invocations["attach"]));
        Assert.Empty(cut.FindAll("[data-testid=player-failed]"));

        // player.js keeps retrying a live source; after a few failed attempts it tells the page.
        await cut.InvokeAsync(cut.Instance.OnPlaybackFailed);
        Assert.Contains("Video unavailable.", cut.Find("[data-testid=player-failed]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=unmute]"));

        // While the host is away, "reconnecting" is the explanation, not "unavailable".
        cut.Render(p => p.Add(x => x.HostReconnecting, true));
        Assert.Empty(cut.FindAll("[data-testid=player-failed]"));
        Assert.Equal("true", cut.Find("[data-testid=host-reconnecting]").GetAttribute("data-active"));
        cut.Render(p => p.Add(x => x.HostReconnecting, false));
        Assert.Single(cut.FindAll("[data-testid=player-failed]"));

        await cut.InvokeAsync(cut.Instance.OnPlaybackRecovered);
        Assert.Empty(cut.FindAll("[data-testid=player-failed]"));
        Assert.Single(cut.FindAll("[data-testid=unmute]"));
    }
}
