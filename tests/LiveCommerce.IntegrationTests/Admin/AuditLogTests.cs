using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.PartnerConsent;
using LiveCommerce.IntegrationTests.Security;
using LiveCommerce.Simulator;

namespace LiveCommerce.IntegrationTests.Admin;

/// <summary>Every money and moderation action leaves who, what, when and on what in the audit log, which only admins read.</summary>
public sealed class AuditLogTests(OperatorNode fixture) : IClassFixture<OperatorNode>
{
    [Fact]
    public async Task Refunds_bans_timeouts_and_partnership_changes_are_recorded_with_who_did_them()
    {
        var node = fixture.Node;
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        // The world: glow proposes and mia accepts; sam holds the one unit of a live sale.
        var world = await World.CreateAsync(node);

        await using (var sam = await node.ViewerAsync("sam", reconnect: false))
        {
            var paid = await sam.Hub.PayAsync(world.HoldId, "audit-checkout");
            Assert.Equal(CheckoutOutcome.Confirmed, paid.Outcome);
            using var brand = await fixture.AsAsync("glow");
            (await brand.PostAsync($"/api/orders/{paid.Order!.Id}/refund", null)).EnsureSuccessStatusCode();

            var refunded = Assert.Single((await OperatorNode.AuditAsync(node, $"target={Uri.EscapeDataString(paid.Order.Id)}")).Entries);
            Assert.Equal((AuditActions.OrderRefunded, "u-brand-glow"), (refunded.Action, refunded.ActorId));
            Assert.Contains(paid.Order.Currency, refunded.Detail, StringComparison.Ordinal);
            Assert.InRange(refunded.At, started, DateTimeOffset.UtcNow.AddSeconds(1));
        }

        await using (var mia = await node.ViewerAsync("mia", reconnect: false))
        {
            await mia.Hub.BanViewer(world.StreamId, "u-viewer-ana");
            await mia.Hub.UnbanViewer(world.StreamId, "u-viewer-ana");
            await mia.Hub.TimeoutViewer(world.StreamId, "u-viewer-ana", 60);
        }

        (await PartnerApi.EndAsync(node, "glow", "u-brand-glow", "u-host-mia")).EnsureSuccessStatusCode();

        var aboutAna = await OperatorNode.AuditAsync(node, "target=u-viewer-ana");
        var mine = aboutAna.Entries.Where(e => e.Detail?.Contains(world.StreamId, StringComparison.Ordinal) == true).ToList();
        // Newest first.
        Assert.Equal([AuditActions.ViewerTimedOut, AuditActions.ViewerUnbanned, AuditActions.ViewerBanned], mine.Select(e => e.Action));
        Assert.All(mine, e => Assert.Equal(("u-host-mia", "Mia Chen"), (e.ActorId, e.ActorName)));

        var partnership = (await OperatorNode.AuditAsync(node, "target=" + Uri.EscapeDataString("u-brand-glow/u-host-mia"))).Entries;
        Assert.Equal(AuditActions.PartnershipEnded, partnership[0].Action);
        Assert.Contains(partnership, e => e.Action == AuditActions.PartnershipAccepted && e.ActorId == "u-host-mia");
        Assert.Contains(partnership, e => e.Action == AuditActions.PartnershipProposed && e.ActorId == "u-brand-glow");

        // Paging: one entry per page, the cursor leads to older entries of the same filter only.
        var first = await OperatorNode.AuditAsync(node, "actor=u-host-mia&limit=1");
        var entry = Assert.Single(first.Entries);
        Assert.Equal(AuditActions.ViewerTimedOut, entry.Action);
        Assert.Equal(entry.Id, first.NextBefore);
        var older = Assert.Single((await OperatorNode.AuditAsync(node, $"actor=u-host-mia&limit=1&before={first.NextBefore}")).Entries);
        Assert.Equal(AuditActions.ViewerUnbanned, older.Action);
        Assert.True(older.Id < entry.Id);
        Assert.All((await OperatorNode.AuditAsync(node, $"action={AuditActions.OrderRefunded}")).Entries, e => Assert.Equal(AuditActions.OrderRefunded, e.Action));
    }

    [Fact]
    public async Task Naming_and_removing_a_moderator_is_recorded_once_per_change()
    {
        var world = await World.CreateAsync(fixture.Node);
        using var mia = await fixture.AsAsync("mia");
        var moderators = $"/api/streams/{world.StreamId}/moderators";
        (await mia.PostAsJsonAsync(moderators, new AddModeratorRequest("ana@demo.livecommerce.test"), LiveApi.Json)).EnsureSuccessStatusCode();
        // Naming the same person again changes nothing and records nothing.
        (await mia.PostAsJsonAsync(moderators, new AddModeratorRequest("ANA@demo.livecommerce.test"), LiveApi.Json)).EnsureSuccessStatusCode();
        (await mia.DeleteAsync($"{moderators}/u-viewer-ana")).EnsureSuccessStatusCode();
        (await mia.DeleteAsync($"{moderators}/u-viewer-ana")).EnsureSuccessStatusCode();

        var entries = (await OperatorNode.AuditAsync(fixture.Node, "target=u-viewer-ana")).Entries
            .Where(e => e.Detail?.Contains(world.StreamId, StringComparison.Ordinal) == true).ToList();
        Assert.Equal([AuditActions.ModeratorRemoved, AuditActions.ModeratorAdded], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("u-host-mia", e.ActorId));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated)]
    [InlineData("sam", HttpStatusCode.Forbidden, ErrorCodes.AdminOnly)]
    [InlineData("mia", HttpStatusCode.Forbidden, ErrorCodes.AdminOnly)]
    [InlineData("glow", HttpStatusCode.Forbidden, ErrorCodes.AdminOnly)]
    public async Task Only_admins_read_the_audit_log(string? handle, HttpStatusCode status, string code)
    {
        using var caller = await fixture.AsAsync(handle);
        using var response = await caller.GetAsync("/api/audit");
        Assert.Equal((status, code), (response.StatusCode, await OperatorNode.CodeAsync(response)));
    }

    [Fact]
    public async Task An_unknown_action_filter_is_refused_next_to_its_field()
    {
        using var admin = await fixture.AsAsync("admin");
        using var response = await admin.GetAsync("/api/audit?action=order.eaten&limit=5000");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(await OperatorNode.FieldErrorAsync(response, "action"));
    }

    [Fact]
    public async Task The_operator_finds_accounts_brands_and_streams_by_what_people_know()
    {
        var world = await World.CreateAsync(fixture.Node);
        using var admin = await fixture.AsAsync("admin");
        var byEmail = await admin.GetFromJsonAsync<AdminSearchResult>("/api/admin/search?q=SAM%40demo", LiveApi.Json);
        Assert.Contains(byEmail!.Users, u => u.Id == "u-viewer-sam" && u.Email == "sam@demo.livecommerce.test" && u.SuspendedAt is null);

        var byHandle = await admin.GetFromJsonAsync<AdminSearchResult>("/api/admin/search?q=%40mia", LiveApi.Json);
        Assert.Contains(byHandle!.Users, u => u.Id == "u-host-mia" && u.Handle == "mia");

        var byTitle = await admin.GetFromJsonAsync<AdminSearchResult>("/api/admin/search?q=world", LiveApi.Json);
        Assert.Contains(byTitle!.Streams, s => s.Id == world.StreamId);
        Assert.True(byTitle.Users.Count <= AdminSearchResult.Limit && byTitle.Streams.Count <= AdminSearchResult.Limit);

        var byId = await admin.GetFromJsonAsync<AdminSearchResult>($"/api/admin/search?q={world.StreamId}", LiveApi.Json);
        Assert.Contains(byId!.Streams, s => s.Id == world.StreamId);

        var byAdmin = await admin.GetFromJsonAsync<AdminSearchResult>("/api/admin/search?q=admin%40", LiveApi.Json);
        Assert.True(Assert.Single(byAdmin!.Users).IsAdmin);

        using var empty = await admin.GetAsync("/api/admin/search?q=%20");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull(await OperatorNode.FieldErrorAsync(empty, "q"));

        using var host = await fixture.AsAsync("mia");
        using var refused = await host.GetAsync("/api/admin/search?q=sam");
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.AdminOnly), (refused.StatusCode, await OperatorNode.CodeAsync(refused)));
    }

    [Fact]
    public async Task Readiness_lists_each_dependency_for_admins_only()
    {
        using var admin = await fixture.AsAsync("admin");
        var ready = await admin.GetFromJsonAsync<ReadinessDto>("/api/admin/readiness", LiveApi.Json);
        Assert.Equal("Healthy", ready!.Status);
        Assert.Contains(ready.Checks, c => c is { Name: "redis", Status: "Healthy" });
        Assert.Contains(ready.Checks, c => c is { Name: "postgres", Status: "Healthy" });

        using var viewer = await fixture.AsAsync("sam");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/admin/readiness")).StatusCode);
    }
}
