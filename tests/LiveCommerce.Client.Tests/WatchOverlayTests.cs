using LiveCommerce.Client.Features.Comments;
using LiveCommerce.Client.Features.Streams;
using Microsoft.AspNetCore.Components;
using LiveCommerce.Client.Features.Sales;
using LiveCommerce.Client.Features.Shopping;
using LiveCommerce.Client.Realtime;
using LiveCommerce.Contracts;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>The overlays of the watch page's phone screen: the product card, floating reactions, just-bought toasts, the chat.</summary>
public sealed class WatchOverlayTests
{
    private static FlashSaleDto Sale(int remaining = 5, SaleKind kind = SaleKind.Flash) =>
        new("fs-1", kind, "a", null, "Glow Serum flash", "u-brand-glow", 9.99m, "USD", 10, remaining, 10 - remaining, 0,
            T0, T0.AddMinutes(5), 2, 300, ["s1"], SaleStatus.Live);

    [Fact]
    public void With_no_pin_and_no_sale_there_is_no_card()
    {
        using var ctx = new ClientTestContext();
        var cut = ctx.Render<StageProduct>();
        Assert.Empty(cut.FindAll("[data-testid=stage-product]"));
    }

    [Fact]
    public void One_pin_shows_its_title_price_and_a_Buy_that_opens_the_sheet()
    {
        using var ctx = new ClientTestContext();
        var opened = 0;
        var cut = ctx.Render<StageProduct>(p => p.Add(x => x.Pin, Pin("a", price: 24.99m)).Add(x => x.OnBuy, () => opened++));

        var card = cut.Find("[data-testid=stage-product]");
        Assert.Equal("pinned", card.GetAttribute("data-state"));
        Assert.Equal("$24.99", cut.Find("[data-testid=price]").TextContent);
        var buy = cut.Find("[data-testid=stage-buy]");
        Assert.Equal("Buy", buy.TextContent);
        buy.Click();
        Assert.Equal(1, opened);
    }

    [Fact]
    public void A_live_flash_sale_shows_its_price_and_tag()
    {
        using var ctx = new ClientTestContext();
        var cut = ctx.Render<StageProduct>(p => p.Add(x => x.Pin, Pin("a", price: 24.99m)).Add(x => x.Sale, Sale()));

        Assert.Equal("sale", cut.Find("[data-testid=stage-product]").GetAttribute("data-state"));
        Assert.Equal("Glow Serum flash", cut.Find("[data-testid=stage-product-title]").TextContent);
        Assert.Equal("$9.99", cut.Find("[data-testid=price]").TextContent);
        Assert.Contains("Flash sale", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sold_out_sale_says_so_on_the_card()
    {
        using var ctx = new ClientTestContext();
        var cut = ctx.Render<StageProduct>(p => p.Add(x => x.Pin, Pin("a")).Add(x => x.Sale, Sale(remaining: 0)));

        Assert.Equal("sold-out", cut.Find("[data-testid=stage-product]").GetAttribute("data-state"));
        Assert.Equal("Sold out", cut.Find("[data-testid=stage-buy]").TextContent);
    }

    [Fact]
    public void Hidden_overlays_hide_the_card_and_a_closed_stream_offers_no_Buy()
    {
        using var ctx = new ClientTestContext();
        var hidden = ctx.Render<StageProduct>(p => p.Add(x => x.Pin, Pin("a")).Add(x => x.Hidden, true));
        Assert.True(hidden.Find("[data-testid=stage-product]").HasAttribute("hidden"));

        var closed = ctx.Render<StageProduct>(p => p.Add(x => x.Pin, Pin("a")).Add(x => x.CanBuy, false));
        Assert.Empty(closed.FindAll("[data-testid=stage-buy]"));
    }

    [Fact]
    public void Reactions_float_up_as_the_totals_grow_but_never_more_than_a_screenful()
    {
        using var ctx = new ClientTestContext();
        var cut = ctx.Render<FloatingReactions>(p => p.Add(x => x.Totals, ReactionTotals.Zero));
        Assert.Empty(cut.FindAll(".floating-reaction")); // what was tapped before the page joined does not float

        cut.Render(p => p.Add(x => x.Totals, new ReactionTotals(1, 2, 0, 0, 0)));
        Assert.Equal(["heart", "fire", "fire"], cut.FindAll(".floating-reaction").Select(e => e.GetAttribute("data-kind")));

        cut.Render(p => p.Add(x => x.Totals, new ReactionTotals(500, 502, 500, 500, 500)));
        Assert.Equal(FloatingReactions.MaxOnScreen, cut.FindAll(".floating-reaction").Count);
        Assert.Equal("true", cut.Find("[data-testid=floating-reactions]").GetAttribute("aria-hidden"));
    }

    [Fact]
    public void Just_bought_toasts_read_in_the_viewers_language_and_never_say_from_someone()
    {
        using var ctx = new ClientTestContext("es-ES");
        PurchaseMade Bought(long seq, string name, string? country) =>
            new() { StreamId = "s1", Seq = seq, SaleId = "fs-1", BuyerName = name, Country = country, ProductTitle = "Glow Serum", Quantity = 1 };
        var cut = ctx.Render<JustBought>(p => p.Add(x => x.Purchases, [Bought(1, "Guest 8099", null), Bought(2, "Ana", "BR"), Bought(3, "Someone", "SG")]));

        var toasts = cut.FindAll("[data-testid=purchase-moment]")
            .Select(e => System.Text.RegularExpressions.Regex.Replace(e.TextContent, @"\s+", " ").Trim()).ToList();
        Assert.Equal(["🛍 Alguien de SG acaba de comprar Glow Serum", "🛍 Ana de BR acaba de comprar Glow Serum", "🛍 Guest 8099 acaba de comprar Glow Serum"], toasts);
        Assert.DoesNotContain(toasts, t => t.Contains("someone", StringComparison.OrdinalIgnoreCase) || t.Contains("from", StringComparison.Ordinal));
        Assert.Null(cut.Find("[data-testid=just-bought]").GetAttribute("aria-live")); // a rush is not read out, toast by toast
    }

    [Fact]
    public void The_watch_chat_leaves_purchase_lines_to_the_toasts_and_is_silent_until_asked()
    {
        using var ctx = new ClientTestContext().SignedIn();
        var cut = ctx.Render<CommentsPanel>(p => p
            .Add(x => x.StreamId, "s1")
            .Add(x => x.HidePurchases, true)
            .Add(x => x.Comments, [Comment("c1", "hello"), Comment("c2", "Ana from BR just bought Glow Serum", CommentKind.Purchase)]));

        Assert.Equal(["hello"], cut.FindAll("[data-testid=comment-text]").Select(e => e.TextContent));
        var log = cut.Find("[role=log]");
        Assert.Equal("off", log.GetAttribute("aria-live"));
        Assert.NotNull(log.QuerySelector("ol[tabindex='0'] > li")); // items inside a real, focusable list

        cut.Find("[data-testid=announce-comments]").Click();
        Assert.Equal("polite", cut.Find("[role=log]").GetAttribute("aria-live"));
        Assert.Equal("true", cut.Find("[data-testid=announce-comments]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void A_hold_made_before_a_reload_comes_back_and_can_be_paid()
    {
        using var ctx = new ClientTestContext().SignedIn();
        var kept = new HoldMemory.Entry("reserve-key-1", "checkout-key-1", 1, null, T0.AddMinutes(4));
        ctx.JSInterop.Setup<string?>("localStorage.getItem", HoldMemory.Slot("s1", "fs-1", null))
            .SetResult(System.Text.Json.JsonSerializer.Serialize(kept, LiveCommerce.Client.Shared.ApiJson.Options));
        ctx.Hub.Answer = (method, args) => method switch
        {
            nameof(ILiveHub.Reserve) => new ReserveResult(ReserveOutcome.Held, "h1", T0.AddMinutes(4), 1, 0),
            nameof(ILiveHub.CheckoutTo) => new CheckoutResult(CheckoutOutcome.Confirmed,
                new OrderDto("o-1", "u-viewer-sam", "fs-1", "u-brand-glow", [new OrderItemDto("a", null, "Glow Serum", 1, 9.99m)], 9.99m, "USD", "USD", "s1", null, "pay-1", T0), null),
            _ => null,
        };

        // The last unit is the viewer's own: the panel shows the hold, not "sold out".
        var cut = ctx.Render<BuyPanel>(p => p.Add(x => x.Sale, Sale(remaining: 0)).Add(x => x.StreamId, "s1"));

        cut.WaitForAssertion(() => Assert.Equal("4:00", cut.Find("[data-testid=hold-countdown]").TextContent));
        Assert.Equal(["s1", "fs-1", 1, "reserve-key-1"], ctx.Hub.Calls[0].Args); // the same key answers the same hold
        cut.ClickNow("[data-testid=checkout]");
        Assert.Equal("checkout-key-1", ctx.Hub.Calls[1].Args[1]); // a payment begun before the reload is not made twice
        Assert.NotNull(cut.Find("[data-testid=order-confirmed]"));
    }
}

public sealed class WatchPageStatesTests
{
    [Fact]
    public async Task Video_that_cannot_play_shows_the_poster_and_says_so_without_native_controls()
    {
        using var ctx = new ClientTestContext();
        var player = ctx.JSInterop.SetupModule("./js/player.js");
        player.Setup<string>("attach", _ => true).SetResult("hls.js");
        var cut = ctx.Render<VideoPlayer>(p => p
            .Add(x => x.Src, "/live/s1/index.m3u8")
            .Add(x => x.Poster, "/media/covers/s1.jpg")
            .Add(x => x.Status, StreamStatus.Live)
            .Add(x => x.Title, "Glow"));
        cut.WaitForAssertion(() => Assert.Single(player.Invocations["attach"]));
        Assert.True(cut.Find("video").HasAttribute("controls"));

        await cut.InvokeAsync(cut.Instance.OnPlaybackFailed);

        Assert.Equal("/media/covers/s1.jpg", cut.Find("[data-testid=player-poster]").GetAttribute("src"));
        Assert.Contains("Video unavailable.", cut.Find("[data-testid=player-failed]").TextContent, StringComparison.Ordinal);
        Assert.False(cut.Find("video").HasAttribute("controls")); // no black box with "0:00"
    }

    [Fact]
    public void A_list_loading_shows_skeleton_cards_and_an_empty_live_list_points_to_what_is_coming()
    {
        using var ctx = new ClientTestContext();
        var loading = ctx.Render<StreamList>(p => p.Add(x => x.List, StreamListState.Pending).Add(x => x.ListTestId, "live-streams"));
        Assert.Equal(3, loading.FindAll("[data-testid=stream-skeleton] .skeleton-card").Count);
        Assert.Empty(loading.FindAll(".spinner, .app-loading-spinner"));

        var empty = ctx.Render<StreamList>(p => p
            .Add(x => x.List, StreamListState.Loaded([]))
            .Add(x => x.ListTestId, "live-streams")
            .Add(x => x.Empty, "No live streams right now — here is what's coming up.")
            .Add(x => x.EmptyAction, (RenderFragment)(b => b.AddMarkupContent(0, "<a href=\"#upcoming-heading\">See upcoming streams</a>"))));
        Assert.Contains("No live streams right now", empty.Find("[data-testid=live-streams-empty]").TextContent, StringComparison.Ordinal);
        Assert.Equal("#upcoming-heading", empty.Find("[data-testid=live-streams-empty] a").GetAttribute("href"));
    }
}
