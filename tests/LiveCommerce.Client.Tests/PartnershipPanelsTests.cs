using System.Net;
using LiveCommerce.Client.Features.Console;
using LiveCommerce.Client.Features.Shopping;
using LiveCommerce.Client.Features.Streams;
using LiveCommerce.Client.Features.Studio;
using LiveCommerce.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static LiveCommerce.Client.Tests.Samples;

namespace LiveCommerce.Client.Tests;

/// <summary>Partnerships with consent: the brand console's list (status, end, propose) and the host's invitations panel in the studio.</summary>
public sealed class PartnershipPanelsTests
{
    private static readonly DateTimeOffset Proposed = T0.AddHours(-2);

    private static ClientTestContext Context(string culture = "en-US")
    {
        var ctx = new ClientTestContext(culture);
        ctx.Services.AddSingleton<CatalogApi>();
        ctx.Services.AddSingleton<StreamsApi>();
        return ctx;
    }

    private static PartnershipDto Partnership(string brandId, string hostId, PartnershipStatus status, decimal rate = 15m, IReadOnlyList<string>? products = null) =>
        new(brandId, hostId, rate, products ?? [], new Dictionary<string, decimal>(), T0.AddDays(-1), null)
        {
            Status = status,
            ProposedAt = Proposed,
            AcceptedAt = status == PartnershipStatus.Pending ? null : T0.AddHours(-1),
            EndedAt = status == PartnershipStatus.Ended ? T0 : null,
        };

    [Fact]
    public async Task The_brand_sees_each_partnerships_status_and_ends_one_that_is_not_ended()
    {
        using var ctx = Context();
        ctx.SignedIn(Token(userId: "u-brand-glow", name: "Glow", role: Roles.Brand, brandId: "u-brand-glow"));
        ctx.Http.Answers["/api/partnerships"] = new[]
        {
            Partnership("u-brand-glow", "u-host-leo", PartnershipStatus.Accepted),
            Partnership("u-brand-glow", "u-host-mia", PartnershipStatus.Pending, products: ["p1", "p2"]),
            Partnership("u-brand-glow", "u-host0", PartnershipStatus.Ended),
        };
        ctx.Http.On("POST /api/partnerships/u-brand-glow/u-host-leo/end", HttpStatusCode.OK, Partnership("u-brand-glow", "u-host-leo", PartnershipStatus.Ended));
        var cut = ctx.Render<BrandPartnerships>();

        cut.WaitForElements("[data-testid=partnership]");
        Assert.Equal("Waiting for the host", Row(cut, "u-host-mia").QuerySelector("[data-testid=partnership-status]")!.TextContent);
        Assert.Equal("Accepted", Row(cut, "u-host-leo").QuerySelector("[data-testid=partnership-status]")!.TextContent);
        Assert.Equal("Ended", Row(cut, "u-host0").QuerySelector("[data-testid=partnership-status]")!.TextContent);
        Assert.Contains("2 products", Row(cut, "u-host-mia").TextContent, StringComparison.Ordinal);
        Assert.Null(Row(cut, "u-host0").QuerySelector("[data-testid=end-partnership]"));
        var end = Row(cut, "u-host-leo").QuerySelector("[data-testid=end-partnership]")!;
        Assert.Equal("End the partnership with u-host-leo", end.GetAttribute("aria-label"));
        Assert.Equal("button", end.GetAttribute("type"));

        await cut.InvokeAsync(() => Row(cut, "u-host-leo").QuerySelector("[data-testid=end-partnership]")!.Click());
        cut.WaitForAssertion(() => Assert.Equal("Ended", Row(cut, "u-host-leo").GetAttribute("data-status")));
        Assert.Single(ctx.Http.To("POST /api/partnerships/u-brand-glow/u-host-leo/end"));
        Assert.Null(Row(cut, "u-host-leo").QuerySelector("[data-testid=end-partnership]"));
        Assert.Equal("", cut.Find("[data-testid=partnerships-error]").TextContent);
    }

    [Fact]
    public async Task A_brands_proposal_shows_as_waiting_for_the_host_and_a_refusal_fills_the_error_line()
    {
        using var ctx = Context();
        ctx.SignedIn(Token(userId: "u-brand-glow", name: "Glow", role: Roles.Brand, brandId: "u-brand-glow"));
        ctx.Http.Answers["/api/partnerships"] = Array.Empty<PartnershipDto>();
        ctx.Http.On("PUT /api/partnerships", HttpStatusCode.OK, Partnership("u-brand-glow", "u-host-mia", PartnershipStatus.Pending, rate: 12.5m));
        var cut = ctx.Render<BrandPartnerships>();

        cut.WaitForAssertion(() => Assert.Contains("No partnerships yet.", cut.Markup, StringComparison.Ordinal));
        Assert.Equal("Host handle", cut.Find("label[for=pa-host]").TextContent);
        cut.Find("[data-testid=partner-host]").Change(" @mia ");
        cut.Find("[data-testid=partner-rate]").Change("12.5");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Pending", Row(cut, "u-host-mia").GetAttribute("data-status")));
        var body = Assert.Single(ctx.Http.To("PUT /api/partnerships")).Body!;
        Assert.Contains("\"hostHandle\":\"mia\"", body, StringComparison.Ordinal);
        Assert.Contains("\"commissionRate\":12.5", body, StringComparison.Ordinal);
        Assert.Equal("Waiting for the host", Row(cut, "u-host-mia").QuerySelector("[data-testid=partnership-status]")!.TextContent);

        ctx.Http.Refuse("POST /api/partnerships/u-brand-glow/u-host-mia/end", HttpStatusCode.Forbidden, ErrorCodes.Forbidden, "Only the partnership's host or the brand's owner or manager ends it.");
        await cut.InvokeAsync(() => cut.Find("[data-testid=end-partnership]").Click());
        cut.WaitForAssertion(() => Assert.Equal("Only the partnership's host or the brand's owner or manager ends it.", cut.Find("[data-testid=partnerships-error]").TextContent));
        Assert.Equal("Pending", Row(cut, "u-host-mia").GetAttribute("data-status"));
    }

    [Fact]
    public async Task The_host_reads_the_terms_accepts_the_proposal_it_read_and_ends_an_accepted_one()
    {
        using var ctx = Context();
        ctx.SignedIn(Token(userId: "u-host-mia", name: "Mia", role: Roles.Host));
        ctx.Http.Answers["/api/partnerships"] = new[]
        {
            Partnership("u-brand-kite", "u-host-mia", PartnershipStatus.Accepted, rate: 10m, products: ["p9"]),
            Partnership("u-brand-glow", "u-host-mia", PartnershipStatus.Pending, rate: 15m),
        };
        ctx.Http.On("POST /api/partnerships/u-brand-glow/accept", HttpStatusCode.OK, Partnership("u-brand-glow", "u-host-mia", PartnershipStatus.Accepted));
        ctx.Http.On("POST /api/partnerships/u-brand-kite/u-host-mia/end", HttpStatusCode.OK, Partnership("u-brand-kite", "u-host-mia", PartnershipStatus.Ended, rate: 10m));
        var cut = ctx.Render<PartnershipInvitations>();

        cut.WaitForElements("[data-testid=host-partnership]");
        // Invitations first, with their terms.
        Assert.Equal(["u-brand-glow", "u-brand-kite"], cut.FindAll("[data-testid=host-partnership]").Select(e => e.GetAttribute("data-brand-id")));
        var terms = HostRow(cut, "u-brand-glow").QuerySelector("[data-testid=partnership-terms]")!.TextContent;
        Assert.Contains("15.00%", terms, StringComparison.Ordinal);
        Assert.Contains("All products", terms, StringComparison.Ordinal);
        Assert.Contains("1 products", HostRow(cut, "u-brand-kite").TextContent, StringComparison.Ordinal);
        Assert.Null(HostRow(cut, "u-brand-kite").QuerySelector("[data-testid=accept-partnership]"));
        Assert.Equal("Accept the terms of u-brand-glow", HostRow(cut, "u-brand-glow").QuerySelector("[data-testid=accept-partnership]")!.GetAttribute("aria-label"));

        await cut.InvokeAsync(() => HostRow(cut, "u-brand-glow").QuerySelector("[data-testid=accept-partnership]")!.Click());
        cut.WaitForAssertion(() => Assert.Equal("Accepted", HostRow(cut, "u-brand-glow").GetAttribute("data-status")));
        // The accept names the proposal the host read, so terms replaced meanwhile are not accepted unseen.
        var accept = Assert.Single(ctx.Http.To("POST /api/partnerships/u-brand-glow/accept"));
        Assert.Contains("\"proposedAt\":\"" + Proposed.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), accept.Body, StringComparison.Ordinal);
        Assert.Null(HostRow(cut, "u-brand-glow").QuerySelector("[data-testid=accept-partnership]"));

        await cut.InvokeAsync(() => HostRow(cut, "u-brand-kite").QuerySelector("[data-testid=end-partnership]")!.Click());
        cut.WaitForAssertion(() => Assert.Equal("Ended", HostRow(cut, "u-brand-kite").GetAttribute("data-status")));
        Assert.Null(HostRow(cut, "u-brand-kite").QuerySelector("[data-testid=end-partnership]"));
    }

    [Fact]
    public async Task Terms_changed_before_the_accept_show_the_refusal_and_the_new_terms()
    {
        using var ctx = Context();
        ctx.SignedIn(Token(userId: "u-host-mia", name: "Mia", role: Roles.Host));
        var reads = 0;
        ctx.Http.Routes["GET /api/partnerships"] = _ => Task.FromResult(ScriptedHttp.Json(HttpStatusCode.OK, new[]
        {
            Partnership("u-brand-glow", "u-host-mia", PartnershipStatus.Pending, rate: ++reads == 1 ? 15m : 9m),
        }));
        ctx.Http.Refuse("POST /api/partnerships/u-brand-glow/accept", HttpStatusCode.Conflict, ErrorCodes.TermsChanged, "The brand has proposed new terms since you read them; read them again.");
        var cut = ctx.Render<PartnershipInvitations>();

        cut.WaitForElements("[data-testid=accept-partnership]");
        await cut.InvokeAsync(() => cut.Find("[data-testid=accept-partnership]").Click());
        cut.WaitForAssertion(() => Assert.Contains("9.00%", cut.Find("[data-testid=partnership-terms]").TextContent, StringComparison.Ordinal));
        Assert.Equal("The brand has proposed new terms since you read them; read them again.", cut.Find("[data-testid=host-partnerships-error]").TextContent);
        Assert.Equal("Pending", cut.Find("[data-testid=host-partnership]").GetAttribute("data-status"));
    }

    [Theory]
    [InlineData("es-ES", "Esperando al presentador", "Aceptar", "Rechazar")]
    [InlineData("zh-Hans", "等待主播接受", "接受", "拒绝")]
    public void The_host_panel_speaks_the_users_language(string culture, string pending, string accept, string decline)
    {
        using var ctx = Context(culture);
        ctx.SignedIn(Token(userId: "u-host-mia", name: "Mia", role: Roles.Host));
        ctx.Http.Answers["/api/partnerships"] = new[] { Partnership("u-brand-glow", "u-host-mia", PartnershipStatus.Pending) };
        var cut = ctx.Render<PartnershipInvitations>();

        cut.WaitForElements("[data-testid=host-partnership]");
        Assert.Equal(pending, cut.Find("[data-testid=partnership-status]").TextContent);
        Assert.Equal(accept, cut.Find("[data-testid=accept-partnership]").TextContent);
        Assert.Equal(decline, cut.Find("[data-testid=end-partnership]").TextContent);
    }

    [Fact]
    public void The_studio_home_shows_the_invitations_panel_to_hosts()
    {
        using var ctx = Context();
        ctx.SignedIn(Token(userId: "u-host-mia", name: "Mia", role: Roles.Host));
        ctx.Http.Answers["/api/streams/mine"] = new[] { Stream("s1") };
        ctx.Http.Answers["/api/partnerships"] = new[] { Partnership("u-brand-glow", "u-host-mia", PartnershipStatus.Pending) };
        var cut = ctx.Render<StudioHome>();

        cut.WaitForElements("[data-testid=host-partnership]");
        Assert.Single(cut.FindAll("[data-testid=studio-stream-link]"));
        Assert.Equal("Brand partnerships", cut.Find("#host-partners-heading").TextContent);
    }

    private static AngleSharp.Dom.IElement Row(Bunit.IRenderedComponent<BrandPartnerships> cut, string hostId) =>
        cut.Find($"[data-testid=partnership][data-host-id={hostId}]");

    private static AngleSharp.Dom.IElement HostRow(Bunit.IRenderedComponent<PartnershipInvitations> cut, string brandId) =>
        cut.Find($"[data-testid=host-partnership][data-brand-id={brandId}]");
}
