using System.Net;
using Bunit;
using LiveCommerce.Client.Features.Studio;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>The studio's video panel: where OBS publishes, the key kept out of sight, rotation only on confirmation, and the live ingest state.</summary>
public sealed class IngestPanelTests
{
    private static readonly IngestSettings Settings = new("H.264", "AAC", 1, 4500);

    private static IngestDto Ingest(string? key = "s1?key=first-key", IngestStatus status = IngestStatus.Idle, DateTimeOffset? until = null) =>
        new("s1", key is null ? null : "rtmp://video.example.test/live", key, "/hls/s1.m3u8", status, until, Settings);

    private static ClientTestContext Studio(IngestDto ingest, string culture = "en-US")
    {
        var ctx = new ClientTestContext(culture);
        ctx.Services.AddSingleton(new ApiOrigin(new Uri("http://app.test/")));
        ctx.Services.AddSingleton<IngestApi>();
        ctx.Http.Answers["/api/streams/s1/ingest"] = ingest;
        return ctx;
    }

    private static IRenderedComponent<IngestPanel> Render(ClientTestContext ctx, StudioActions? actions = null) =>
        ctx.Render<IngestPanel>(p => p.Add(x => x.StreamId, "s1").Add(x => x.Actions, actions ?? new StudioActions()));

    [Fact]
    public void The_server_url_and_settings_show_and_the_key_stays_hidden_until_the_host_asks()
    {
        using var ctx = Studio(Ingest());
        var cut = Render(ctx);

        cut.WaitForElement("[data-testid=ingest-key]");
        Assert.Equal("rtmp://video.example.test/live", cut.Find("[data-testid=ingest-server]").GetAttribute("value"));
        Assert.Equal("password", cut.Find("[data-testid=ingest-key]").GetAttribute("type"));
        Assert.Equal("false", cut.Find("[data-testid=show-key]").GetAttribute("aria-pressed"));
        Assert.Equal(nameof(IngestStatus.Idle), cut.Find("[data-testid=ingest-status]").GetAttribute("data-status"));
        Assert.Contains("Waiting for video", cut.Find("[data-testid=ingest-status]").TextContent, StringComparison.Ordinal);
        var settings = cut.Find("[data-testid=ingest-settings]").TextContent;
        Assert.Contains("H.264", settings, StringComparison.Ordinal);
        Assert.Contains("4500", settings, StringComparison.Ordinal);
        Assert.Contains("AAC", settings, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid=browser-broadcast]"));

        cut.ClickNow("[data-testid=show-key]");
        Assert.Equal("text", cut.Find("[data-testid=ingest-key]").GetAttribute("type"));
        Assert.Equal("s1?key=first-key", cut.Find("[data-testid=ingest-key]").GetAttribute("value"));
        Assert.Equal("true", cut.Find("[data-testid=show-key]").GetAttribute("aria-pressed"));
        Assert.Equal("Hide", cut.Find("[data-testid=show-key]").TextContent);
    }

    [Fact]
    public void A_new_key_is_made_only_after_the_host_confirms()
    {
        using var ctx = Studio(Ingest());
        ctx.Http.On("POST /api/streams/s1/ingest/rotate", HttpStatusCode.OK, Ingest("s1?key=second-key"));
        var cut = Render(ctx);
        cut.WaitForElement("[data-testid=rotate-key]");

        cut.ClickNow("[data-testid=rotate-key]");
        cut.ClickNow("[data-testid=rotate-no]");
        Assert.Empty(cut.FindAll("[data-testid=rotate-confirm]"));
        Assert.Empty(ctx.Http.To("POST /api/streams/s1/ingest/rotate"));

        cut.ClickNow("[data-testid=rotate-key]");
        cut.ClickNow("[data-testid=rotate-yes]");
        cut.WaitForAssertion(() => Assert.Equal("s1?key=second-key", cut.Find("[data-testid=ingest-key]").GetAttribute("value")));
        Assert.Single(ctx.Http.To("POST /api/streams/s1/ingest/rotate"));
        Assert.Contains("old one no longer works", cut.Find("[data-testid=ingest-note]").TextContent, StringComparison.Ordinal);
        Assert.Equal("password", cut.Find("[data-testid=ingest-key]").GetAttribute("type"));
    }

    [Fact]
    public void A_refused_rotation_shows_in_the_studios_error_line()
    {
        using var ctx = Studio(Ingest());
        ctx.Http.Refuse("POST /api/streams/s1/ingest/rotate", HttpStatusCode.Conflict, ErrorCodes.NoVideoEngine, "This server has no video engine, so streams have no key.");
        var actions = new StudioActions();
        var cut = Render(ctx, actions);
        cut.WaitForElement("[data-testid=rotate-key]");

        cut.ClickNow("[data-testid=rotate-key]");
        cut.ClickNow("[data-testid=rotate-yes]");
        cut.WaitForAssertion(() => Assert.Equal("This server has no video engine, so streams have no key.", actions.Error));
        Assert.Equal("s1?key=first-key", cut.Find("[data-testid=ingest-key]").GetAttribute("value"));
    }

    [Fact]
    public void Without_an_engine_the_panel_says_so_plainly_and_offers_no_key_or_camera()
    {
        using var ctx = Studio(Ingest(key: null));
        var cut = Render(ctx);

        cut.WaitForElement("[data-testid=no-engine]");
        Assert.Contains("no video engine", cut.Find("[data-testid=no-engine]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Demo clip", cut.Find("[data-testid=ingest-status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=ingest-key]"));
        Assert.Empty(cut.FindAll("[data-testid=browser-broadcast]"));
    }

    [Fact]
    public void Reconnecting_counts_down_to_the_end_of_the_grace_in_the_hosts_language()
    {
        using var ctx = Studio(Ingest(status: IngestStatus.Reconnecting, until: T0.AddSeconds(42)), "es-ES");
        var cut = Render(ctx);

        cut.WaitForElement("[data-testid=reconnecting-countdown]");
        Assert.Equal(nameof(IngestStatus.Reconnecting), cut.Find("[data-testid=ingest-status]").GetAttribute("data-status"));
        Assert.Contains("0:42", cut.Find("[data-testid=reconnecting-countdown]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Vídeo perdido", cut.Find("[data-testid=ingest-status]").TextContent, StringComparison.Ordinal);
    }
}
