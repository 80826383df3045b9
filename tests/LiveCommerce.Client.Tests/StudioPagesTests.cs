using System.Net;
using Bunit;
using LiveCommerce.Client.Features.Reports;
using LiveCommerce.Client.Features.Shopping;
using LiveCommerce.Client.Features.Streams;
using LiveCommerce.Client.Features.Studio;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>The studio's own pages and panels: my streams, the schedule/edit form, the team, the checklist, share links.</summary>
public sealed class StudioPagesTests
{
    private static ClientTestContext Host()
    {
        var ctx = new ClientTestContext();
        ctx.Services.AddSingleton(new ApiOrigin(new Uri("http://app.test/")));
        ctx.Services.AddSingleton<StreamsApi>();
        ctx.Services.AddSingleton<CatalogApi>();
        ctx.Services.AddSingleton<IngestApi>();
        ctx.Services.AddSingleton<ModerationApi>();
        ctx.SignedIn(Token(userId: "u-host-mia", name: "Mia", role: Roles.Host));
        ctx.Http.Answers["/api/partnerships"] = Array.Empty<PartnershipDto>();
        return ctx;
    }

    private static StreamDto Mine(string id, StreamStatus status, string? cover = null) =>
        Stream(id, status) with { Title = "Title " + id, CoverImageUrl = cover, ScheduledStart = T0.AddDays(1), StartedAt = status == StreamStatus.Upcoming ? null : T0 };

    private static object Problem(string code, string field, string message) =>
        new { title = code, status = 400, detail = message, code, fields = new Dictionary<string, string> { [field] = message } };

    [Fact]
    public void My_streams_are_grouped_live_upcoming_and_ended_with_their_numbers_and_only_upcoming_ones_offer_edit()
    {
        using var ctx = Host();
        ctx.Http.Answers["/api/streams/mine"] = new[]
        {
            Mine("s-up", StreamStatus.Upcoming), Mine("s-live", StreamStatus.Live) with { Viewers = 1200 },
            Mine("s-end", StreamStatus.Ended), Mine("s-off", StreamStatus.Cancelled),
        };
        var today = DateOnly.FromDateTime(T0.UtcDateTime);
        ctx.Http.Answers[$"/api/reports/influencer?from={today.AddDays(-89):yyyy-MM-dd}&to={today:yyyy-MM-dd}&currency=USD&page=1&pageSize=500"] =
            new EarningsReport("u-host-mia", today.AddDays(-89), today, "USD", new ReportRow("all", "all", 7, 7, 70m, 7m),
                [new ReportRow("stream", "s-end", 7, 7, 70m, 7m, PeakViewers: 321)], 1, 500, 1);
        var cut = ctx.Render<StudioHome>();

        cut.WaitForElements("[data-testid=studio-stream]");
        Assert.Equal(["s-live"], Ids(cut, "live"));
        Assert.Equal(["s-up"], Ids(cut, "upcoming"));
        Assert.Equal(["s-end", "s-off"], Ids(cut, "ended"));
        Assert.Equal("1,200", cut.Find("[data-stream-id=s-live] [data-testid=stream-viewers]").TextContent);
        cut.WaitForAssertion(() => Assert.Equal("7", cut.Find("[data-stream-id=s-end] [data-testid=stream-orders]").TextContent));
        Assert.Contains("321", cut.Find("[data-stream-id=s-end]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Cancelled", cut.Find("[data-stream-id=s-off] [data-testid=stream-status]").TextContent);
        Assert.Equal(["studio/s-up/edit"], cut.FindAll("[data-testid=edit-stream]").Select(a => a.GetAttribute("href")));
        Assert.Equal("studio/new", cut.Find("[data-testid=new-stream]").GetAttribute("href"));
    }

    [Fact]
    public void Scheduling_sends_every_field_and_a_refusal_shows_next_to_its_field_until_a_later_success()
    {
        using var ctx = Host();
        ctx.Http.On("POST /api/streams", HttpStatusCode.BadRequest, Problem(ErrorCodes.StartsInPast, "scheduledStart", "The start time is in the past."));
        var cut = ctx.Render<StreamEditor>();

        cut.Find("[data-testid=stream-title-input]").Change("Glow night");
        cut.Find("[data-testid=stream-description-input]").Change("Serums, live");
        cut.Find("[data-testid=stream-start-input]").Change("2026-11-20T18:30");
        cut.Find("[data-testid=stream-language-input]").Change("es");
        cut.Find("[data-testid=stream-categories-input]").Change("Beauty, skincare, beauty");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("The start time is in the past.", cut.Find("[data-testid=error-scheduledStart]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=error-title]"));
        Assert.Equal("", cut.Find("[data-testid=stream-form-error]").TextContent); // said next to the field, not twice
        var sent = Assert.Single(ctx.Http.To("POST /api/streams")).Json;
        Assert.Equal("Glow night", sent.GetProperty("title").GetString());
        Assert.Equal("es", sent.GetProperty("language").GetString());
        Assert.Equal(["beauty", "skincare"], sent.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.StartsWith("2026-11-20T18:30:00", sent.GetProperty("scheduledStart").GetString(), StringComparison.Ordinal);

        ctx.Http.On("POST /api/streams", HttpStatusCode.Created, Mine("s-new", StreamStatus.Upcoming));
        cut.Find("[data-testid=stream-start-input]").Change("2026-11-30T18:30");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.EndsWith("/studio", ctx.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=error-scheduledStart]"));
    }

    [Fact]
    public void A_cover_that_is_not_an_image_is_refused_next_to_the_picker_before_anything_is_saved_and_an_image_uploads_after_saving()
    {
        using var ctx = Host();
        ctx.Http.On("POST /api/streams", HttpStatusCode.Created, Mine("s-new", StreamStatus.Upcoming));
        ctx.Http.On("POST /api/streams/s-new/cover", HttpStatusCode.OK, Mine("s-new", StreamStatus.Upcoming, cover: "/media/streams/s-new/c.png"));
        var cut = ctx.Render<StreamEditor>();
        cut.Find("[data-testid=stream-title-input]").Change("Covered");

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("<html>hi</html>", "cover.png", contentType: "image/png"));
        cut.WaitForAssertion(() => Assert.Equal("That file is not an image: choose a JPEG, PNG, WebP or GIF.", cut.Find("[data-testid=error-cover]").TextContent));
        cut.Find("form").Submit();
        Assert.Empty(ctx.Http.To("POST /api/streams"));

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(png, "cover.png", contentType: "image/png"));
        cut.WaitForAssertion(() => Assert.Equal("Will upload cover.png", cut.Find("[data-testid=cover-picked]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=error-cover]"));
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Single(ctx.Http.To("POST /api/streams/s-new/cover")));
        Assert.Single(ctx.Http.To("POST /api/streams"));
    }

    [Fact]
    public void Editing_fills_the_form_and_cancelling_asks_first_then_calls_the_server()
    {
        using var ctx = Host();
        ctx.Http.Answers["/api/streams/s-up"] = Mine("s-up", StreamStatus.Upcoming) with { Language = "es", Categories = ["beauty", "skincare"] };
        ctx.Http.On("POST /api/streams/s-up/cancel", HttpStatusCode.OK, Mine("s-up", StreamStatus.Cancelled));
        var cut = ctx.Render<StreamEditor>(p => p.Add(x => x.StreamId, "s-up"));

        cut.WaitForAssertion(() => Assert.Equal("Title s-up", cut.Find("[data-testid=stream-title-input]").GetAttribute("value")));
        Assert.Equal("beauty, skincare", cut.Find("[data-testid=stream-categories-input]").GetAttribute("value"));
        Assert.Equal("es", cut.Find("[data-testid=stream-language-input]").GetAttribute("value"));

        cut.Find("[data-testid=cancel-stream]").Click();
        Assert.Empty(ctx.Http.To("POST /api/streams/s-up/cancel"));
        Assert.Equal("Cancel Title s-up? This cannot be undone.", cut.Find("[data-testid=cancel-stream-confirm] .confirm-question").TextContent);
        cut.Find("[data-testid=cancel-stream-yes]").Click();

        cut.WaitForAssertion(() => Assert.Single(ctx.Http.To("POST /api/streams/s-up/cancel")));
    }

    [Fact]
    public void A_live_stream_is_not_editable_here()
    {
        using var ctx = Host();
        ctx.Http.Answers["/api/streams/s-live"] = Mine("s-live", StreamStatus.Live);
        var cut = ctx.Render<StreamEditor>(p => p.Add(x => x.StreamId, "s-live"));

        cut.WaitForElement("[data-testid=not-editable]");
        Assert.Empty(cut.FindAll("form"));
    }

    [Fact]
    public void A_moderator_who_is_no_account_is_refused_next_to_the_handle_and_a_ban_is_lifted_from_the_list()
    {
        using var ctx = Host();
        var team = new StreamTeamDto([], [new StreamMemberDto("u-viewer-sam", "Sam Lee", null)]);
        ctx.Http.Answers["/api/streams/s1/team"] = team;
        ctx.Http.On("POST /api/streams/s1/moderators", HttpStatusCode.NotFound, Problem(ErrorCodes.AccountNotFound, "handle", "No one has that handle or email."));
        var cut = ctx.Render<ModeratorsPanel>(p => p.Add(x => x.StreamId, "s1").Add(x => x.Actions, new StudioActions()));

        cut.WaitForElement("[data-testid=banned]");
        Assert.Equal("Unban Sam Lee", cut.Find("[data-testid=unban]").GetAttribute("aria-label"));
        cut.Find("[data-testid=moderator-handle]").Change("@nobody");
        cut.Find("[data-testid=add-moderator-form]").Submit();
        cut.WaitForAssertion(() => Assert.Equal("No one has that handle or email.", cut.Find("[data-testid=error-handle]").TextContent));
        Assert.Equal("@nobody", Assert.Single(ctx.Http.To("POST /api/streams/s1/moderators")).Json.GetProperty("handle").GetString());

        ctx.Http.On("POST /api/streams/s1/moderators", HttpStatusCode.OK, team with { Moderators = [new StreamMemberDto("u-host-leo", "Leo García", "leo")] });
        cut.Find("[data-testid=moderator-handle]").Change("leo");
        cut.Find("[data-testid=add-moderator-form]").Submit();
        cut.WaitForAssertion(() => Assert.Equal("Leo García @leo", cut.Find("[data-testid=moderator] .grow").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=error-handle]"));

        ctx.Http.On("DELETE /api/streams/s1/bans/u-viewer-sam", HttpStatusCode.NoContent);
        ctx.Http.Answers["/api/streams/s1/team"] = team with { Banned = [] };
        cut.Find("[data-testid=unban]").Click();
        cut.WaitForElement("[data-testid=no-bans]");
        Assert.Single(ctx.Http.To("DELETE /api/streams/s1/bans/u-viewer-sam"));
    }

    [Fact]
    public void The_go_live_checklist_ticks_what_is_done_and_checks_again_on_request()
    {
        using var ctx = Host();
        ctx.Http.Answers["/api/streams/s1/showcase"] = Array.Empty<ProductDto>();
        ctx.Http.Answers["/api/streams/s1/ingest"] = new IngestDto("s1", null, null, null, IngestStatus.Idle, null, new IngestSettings("H.264", "AAC", 2, 6000));
        var cut = ctx.Render<GoLiveChecklist>(p => p.Add(x => x.StreamId, "s1").Add(x => x.Stream, Mine("s1", StreamStatus.Upcoming, cover: "/media/c.png")));

        cut.WaitForAssertion(() => Assert.Equal(["true", "false", "false"], Done(cut)));

        ctx.Http.Answers["/api/streams/s1/showcase"] = new[] { new ProductDto("p1", "u-brand-glow", "Glow", "Serum", "", new Money(9m, "USD"), 3, [], [], [], T0) };
        ctx.Http.Answers["/api/streams/s1/ingest"] = new IngestDto("s1", null, null, null, IngestStatus.Publishing, null, new IngestSettings("H.264", "AAC", 2, 6000));
        cut.Find("[data-testid=check-again]").Click();
        cut.WaitForAssertion(() => Assert.Equal(["true", "true", "true"], Done(cut)));
        Assert.Contains("(1)", cut.Find("[data-testid=check-showcase]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_link_is_made_per_stream_or_product_and_shown_with_a_copy_button()
    {
        using var ctx = Host();
        ctx.Http.Answers["/api/streams/s1/showcase"] = new[] { new ProductDto("p1", "u-brand-glow", "Glow", "Serum", "", new Money(9m, "USD"), 3, [], [], [], T0) };
        ctx.Http.On("POST /api/share-links", HttpStatusCode.OK, new ShareLinkDto("abc123", "/s/abc123", "/api/share-links/abc123/qr.png", null, "p1", T0));
        var cut = ctx.Render<SharePanel>(p => p.Add(x => x.StreamId, "s1"));

        cut.WaitForElements("[data-testid=share-row][data-target=p1]");
        cut.Find("[data-target=p1] [data-testid=create-share-link]").Click();

        cut.WaitForAssertion(() => Assert.Equal("http://app.test/s/abc123", cut.Find("[data-target=p1] [data-testid=share-link-url]").GetAttribute("value")));
        Assert.Equal("p1", Assert.Single(ctx.Http.To("POST /api/share-links")).Json.GetProperty("productId").GetString());
        Assert.Equal("Copy the link to Serum", cut.Find("[data-target=p1] [data-testid=copy-share-link]").GetAttribute("aria-label"));
        Assert.Single(cut.FindAll("[data-target=stream] [data-testid=create-share-link]"));
    }

    private static string[] Ids(IRenderedComponent<StudioHome> cut, string group) =>
        [.. cut.FindAll($"[data-testid=studio-group-{group}] [data-testid=studio-stream]").Select(e => e.GetAttribute("data-stream-id")!)];

    private static string[] Done(IRenderedComponent<GoLiveChecklist> cut) =>
        [.. new[] { "cover", "showcase", "ingest" }.Select(k => cut.Find($"[data-testid=check-{k}]").GetAttribute("data-done")!)];
}
