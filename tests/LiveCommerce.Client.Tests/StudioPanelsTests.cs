using LiveCommerce.Client.Auth;
using LiveCommerce.Client.Features.Studio;
using LiveCommerce.Client.Features.Sales;
using LiveCommerce.Client.Features.Shopping;
using LiveCommerce.Client.Realtime;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>The host studio's panels, each with its own calls; a failure shows in the studio's one error line.</summary>
public sealed class StudioPanelsTests
{
    /// <summary>A test context with the studio's HTTP APIs (over the scripted handler).</summary>
    private static ClientTestContext Studio(string culture = "en-US")
    {
        var ctx = new ClientTestContext(culture);
        ctx.Services.AddSingleton<CatalogApi>();
        ctx.Services.AddSingleton<SalesApi>();
        ctx.Services.AddSingleton<ModerationApi>();
        return ctx;
    }

    private static void AssertOnlyCall(ClientTestContext ctx, string method, params object?[] args)
    {
        var call = Assert.Single(ctx.Hub.Calls);
        Assert.Equal(method, call.Method);
        Assert.Equal(args, call.Args);
    }

    private static LiveStreamState Joined(StreamStatus status = StreamStatus.Live, IReadOnlyList<PinDto>? pins = null) =>
        new LiveStreamState { StreamId = "s1" }.WithSnapshot(Snapshot(1, pins: pins) with { Stream = Stream("s1", status) }, T0);

    private static ProductDto Product(string id, string title) =>
        new(id, "u-brand-glow", "Glow", title, "", new Money(24.99m, "USD"), 7, [], [], [], T0);

    private static FlashSaleDto Sale(SaleStatus status = SaleStatus.Scheduled) =>
        new("fs-1", SaleKind.Flash, "p1", null, "Serum drop", "u-brand-glow", 9.99m, "USD", 10, 10, 0, 0,
            T0.AddMinutes(30), T0.AddMinutes(35), 2, 300, ["s1"], status);

    [Fact]
    public void Going_live_and_ending_call_the_hub_and_a_refusal_fills_the_error_line()
    {
        using var ctx = Studio();
        var actions = new StudioActions();
        var cut = ctx.Render<StreamControls>(p => p
            .Add(x => x.StreamId, "s1").Add(x => x.Stream, Stream("s1", StreamStatus.Upcoming)).Add(x => x.Viewers, 1234).Add(x => x.Actions, actions));

        Assert.Equal("1,234", cut.Find("[data-testid=viewer-count]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=end-stream]"));
        cut.Find("[data-testid=go-live]").Click();
        AssertOnlyCall(ctx, nameof(ILiveHub.StartStream), "s1");

        ctx.Hub.Answer = (_, _) => throw new ApiException(ErrorCodes.Forbidden, "Only the stream's host can do that.");
        cut.Render(p => p.Add(x => x.Stream, Stream("s1", StreamStatus.Live)));
        Assert.Empty(cut.FindAll("[data-testid=go-live]"));
        cut.Find("[data-testid=end-stream]").Click();
        Assert.Equal(nameof(ILiveHub.StartStream), ctx.Hub.Calls[^1].Method); // asks first, ends nothing yet
        cut.Find("[data-testid=end-stream-yes]").Click();
        Assert.Equal(nameof(ILiveHub.EndStream), ctx.Hub.Calls[^1].Method);
        Assert.Equal("Only the stream's host can do that.", actions.Error);
        Assert.False(actions.Busy);
    }

    [Fact]
    public void Ending_asks_first_and_stepping_back_by_button_or_Escape_ends_nothing()
    {
        using var ctx = Studio();
        var cut = ctx.Render<StreamControls>(p => p
            .Add(x => x.StreamId, "s1").Add(x => x.Stream, Stream("s1", StreamStatus.Live)).Add(x => x.Actions, new StudioActions()));

        cut.Find("[data-testid=end-stream]").Click();
        Assert.Equal("End the stream for every viewer? This cannot be undone.", cut.Find("[data-testid=end-stream-confirm] .confirm-question").TextContent);
        cut.Find("[data-testid=end-stream-no]").Click();
        Assert.Empty(cut.FindAll("[data-testid=end-stream-confirm]"));

        cut.Find("[data-testid=end-stream]").Click();
        cut.Find("[data-testid=end-stream-confirm]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(cut.FindAll("[data-testid=end-stream-confirm]"));
        Assert.Empty(ctx.Hub.Calls);

        cut.Find("[data-testid=end-stream]").Click();
        cut.Find("[data-testid=end-stream-yes]").Click();
        AssertOnlyCall(ctx, nameof(ILiveHub.EndStream), "s1");
        Assert.Empty(cut.FindAll("[data-testid=end-stream-confirm]"));
    }

    [Fact]
    public void The_showcase_pins_for_the_chosen_time_only_while_live_and_a_pinned_product_counts_down_and_unpins()
    {
        using var ctx = Studio();
        ctx.Http.Answers["/api/streams/s1/showcase"] = new[] { Product("p1", "Glow Serum"), Product("p2", "Lip Oil") };
        var cut = ctx.Render<ShowcasePanel>(p => p
            .Add(x => x.StreamId, "s1").Add(x => x.Live, Joined(pins: [Pin("p2", expires: T0.AddSeconds(90))])).Add(x => x.Actions, new StudioActions()));

        cut.WaitForElements("[data-testid=showcase-item]");
        var p2 = cut.Find("[data-testid=showcase-item][data-product-id=p2]");
        Assert.Equal("Pinned · 1:30", p2.QuerySelector("[data-testid=pinned-tag]")!.TextContent);

        cut.ChangeNow("[data-testid=pin-duration]", "60");
        cut.ClickNow("[data-testid=pin]");
        cut.ClickNow("[data-testid=unpin]");

        Assert.Equal([nameof(ILiveHub.PinProduct), nameof(ILiveHub.UnpinProduct)], ctx.Hub.Calls.Select(c => c.Method));
        Assert.Equal(["s1", "p1", 60], ctx.Hub.Calls[0].Args);
        Assert.Equal(["s1", "p2"], ctx.Hub.Calls[1].Args);
        Assert.Equal("Pin Glow Serum", cut.Find("[data-testid=pin]").GetAttribute("aria-label"));

        // Nothing can be pinned before the stream is live.
        cut.Render(p => p.Add(x => x.Live, Joined(StreamStatus.Upcoming)));
        Assert.True(cut.Find("[data-testid=pin]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_scheduled_flash_sale_launches_now_while_the_stream_is_live()
    {
        using var ctx = Studio();
        ctx.Http.Answers["/api/flash-sales?streamId=s1"] = new[] { Sale() };
        ctx.Hub.Answer = (method, _) => method == nameof(ILiveHub.LaunchFlashSale) ? Sale(SaleStatus.Live) : null;
        var cut = ctx.Render<StudioSalesPanel>(p => p
            .Add(x => x.StreamId, "s1").Add(x => x.Live, Joined()).Add(x => x.Status, StreamStatus.Upcoming).Add(x => x.Actions, new StudioActions()));

        var launch = cut.WaitForElement("[data-testid=launch-sale]");
        Assert.True(launch.HasAttribute("disabled"));
        Assert.Equal("Launch now: Serum drop", launch.GetAttribute("aria-label"));

        cut.Render(p => p.Add(x => x.Status, StreamStatus.Live));
        cut.Find("[data-testid=launch-sale]").Click();

        AssertOnlyCall(ctx, nameof(ILiveHub.LaunchFlashSale), "fs-1");
        Assert.Equal("Live", cut.Find("[data-testid=studio-sale]").GetAttribute("data-status"));
        Assert.Empty(cut.FindAll("[data-testid=launch-sale]"));
    }

    [Fact]
    public void Blocked_words_save_and_say_so_until_the_next_action_and_slow_mode_calls_the_hub()
    {
        using var ctx = Studio();
        ctx.Http.Answers["/api/streams/s1/blocked-words"] = new StreamBlockedWords(["spoiler"], []);
        ctx.Hub.Answer = (method, args) => method == nameof(ILiveHub.SetSlowMode) ? args[1] : Array.Empty<CommentDto>();
        var cut = ctx.Render<ModerationPanel>(p => p.Add(x => x.StreamId, "s1").Add(x => x.Live, Joined()).Add(x => x.Actions, new StudioActions()));
        cut.WaitForAssertion(() => Assert.Equal("spoiler", cut.Find("[data-testid=blocked-words]").GetAttribute("value")));

        ctx.Http.Answers["/api/streams/s1/blocked-words"] = new StreamBlockedWords(["spoiler", "refund"], []); // what the server kept
        cut.Find("[data-testid=blocked-words]").Change("spoiler\nrefund, Refund");
        cut.FindAll("form")[1].Submit();
        cut.WaitForAssertion(() => Assert.Equal("Saved", cut.Find("[role=status]").TextContent));
        Assert.Equal("spoiler\nrefund", cut.Find("[data-testid=blocked-words]").GetAttribute("value"));

        cut.Find("[data-testid=slow-mode-select]").Change("30");
        var slow = Assert.Single(ctx.Hub.Calls, c => c.Method != nameof(ILiveHub.GetQuestions));
        Assert.Equal(nameof(ILiveHub.SetSlowMode), slow.Method);
        Assert.Equal(["s1", 30], slow.Args);
        Assert.Equal("", cut.Find("[role=status]").TextContent);
    }

    [Fact]
    public void An_announcement_is_pinned_from_the_box_and_removed()
    {
        using var ctx = Studio("es-ES");
        var cut = ctx.Render<AnnouncementForm>(p => p.Add(x => x.StreamId, "s1").Add(x => x.Actions, new StudioActions()));

        Assert.Empty(cut.FindAll("button[type=button]"));
        cut.Find("[data-testid=announcement-input]").Change("Envío gratis hoy");
        cut.Find("form").Submit();
        AssertOnlyCall(ctx, nameof(ILiveHub.PinAnnouncement), "s1", "Envío gratis hoy");
        Assert.Equal("", cut.Find("[data-testid=announcement-input]").GetAttribute("value"));

        cut.Render(p => p.Add(x => x.Announcement, Comment("a1", "Envío gratis hoy", CommentKind.Announcement)));
        var remove = cut.Find("button[type=button]");
        Assert.Equal("Quitar", remove.TextContent);
        remove.Click();
        Assert.Equal(nameof(ILiveHub.UnpinAnnouncement), ctx.Hub.Calls[^1].Method);
    }

    [Fact]
    public void Questions_asked_before_the_studio_opened_are_fetched_once_synced_and_merged_with_live_ones()
    {
        using var ctx = Studio();
        var q1 = Comment("q1", "Does it ship to Peru?");
        var q2 = Comment("q2", "Blue?");
        ctx.Hub.Answer = (method, _) => method == nameof(ILiveHub.GetQuestions) ? new[] { q1, q2 } : null;
        var cut = ctx.Render<QuestionList>(p => p.Add(x => x.StreamId, "s1").Add(x => x.Live, new LiveStreamState { StreamId = "s1" }));

        Assert.Equal("No questions yet.", cut.Find("p").TextContent);
        Assert.Empty(ctx.Hub.Calls);

        var live = Joined() with { Questions = [q2, Comment("q3", "Sizes?")] };
        cut.Render(p => p.Add(x => x.Live, live));
        cut.Render(p => p.Add(x => x.Live, live with { Seq = 2 }));

        cut.WaitForAssertion(() => Assert.Equal(["Does it ship to Peru?", "Blue?", "Sizes?"], cut.FindAll("[data-testid=questions] .grow").Select(e => e.TextContent)));
        AssertOnlyCall(ctx, nameof(ILiveHub.GetQuestions), "s1");
    }

    [Fact]
    public async Task The_host_moderates_viewers_comments_but_not_their_own_nor_purchase_moments()
    {
        using var ctx = Studio();
        ctx.Http.Answers["/api/auth/dev-login"] = new TokenResponse("t", "u-host-mia", "Mia", Roles.Host);
        await ctx.Services.GetRequiredService<AuthSession>().DevSignInAsync("mia");
        var live = Joined() with
        {
            Comments = [Comment("c1", "hi", user: "u-viewer-sam"), Comment("c2", "Welcome!", user: "u-host-mia"), Comment("c3", "Sam just bought Serum", CommentKind.Purchase)],
        };
        var cut = ctx.Render<StudioChat>(p => p.Add(x => x.StreamId, "s1").Add(x => x.Live, live).Add(x => x.Actions, new StudioActions()));

        Assert.Single(cut.FindAll("[data-testid=ban-viewer]"));
        Assert.Equal("Ban Sam", cut.Find("[data-testid=ban-viewer]").GetAttribute("aria-label"));
        cut.Find("[data-testid=delete-comment]").Click();
        cut.Find("[data-testid=timeout-viewer]").Click();
        cut.Find("[data-testid=ban-viewer]").Click();

        Assert.Equal([nameof(ILiveHub.DeleteComment), nameof(ILiveHub.TimeoutViewer), nameof(ILiveHub.BanViewer)], ctx.Hub.Calls.Select(c => c.Method));
        Assert.Equal(["s1", "c1"], ctx.Hub.Calls[0].Args);
        Assert.Equal(["s1", "u-viewer-sam", 300], ctx.Hub.Calls[1].Args);
        Assert.Equal(["s1", "u-viewer-sam"], ctx.Hub.Calls[2].Args);
    }
}
