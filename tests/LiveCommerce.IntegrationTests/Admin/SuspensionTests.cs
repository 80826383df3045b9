using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.IntegrationTests.Admin;

/// <summary>A suspended account is out at once: no sign-in, no refresh, its open token refused, its live connection closed.</summary>
public sealed class SuspensionTests(OperatorNode fixture) : IClassFixture<OperatorNode>
{
    private const string AnaEmail = "ana@demo.livecommerce.test";

    [Fact]
    public async Task A_suspended_account_cannot_sign_in_refresh_or_use_its_token_and_its_hub_connection_closes_until_lifted()
    {
        var node = fixture.Node;
        await node.TokenAsync("ana"); // ana becomes a real account with the demo password
        var session = await LiveApi.ReadAsync<TokenResponse>(await node.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(AnaEmail, "Shop-Live-2026"), LiveApi.Json));
        await using var live = await LiveViewer.ConnectAsync(node.Address, session.Token, WireProtocol.Json, reconnect: false);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        using var asAna = node.Authorized(session.Token);
        Assert.Equal(HttpStatusCode.OK, (await asAna.GetAsync("/api/me")).StatusCode);

        using var admin = await fixture.AsAsync("admin");
        var found = await admin.GetFromJsonAsync<AdminSearchResult>("/api/admin/search?q=" + Uri.EscapeDataString(AnaEmail), LiveApi.Json);
        var ana = Assert.Single(found!.Users);

        // No reason: refused next to the field, nothing changes.
        using (var noReason = await admin.PostAsJsonAsync($"/api/admin/accounts/{ana.Id}/suspend", new AdminReasonRequest(" "), LiveApi.Json))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.NotNull(await OperatorNode.FieldErrorAsync(noReason, "reason"));
            Assert.Equal(HttpStatusCode.OK, (await asAna.GetAsync("/api/me")).StatusCode);
        }

        var suspended = await LiveApi.ReadAsync<AdminUserDto>(await admin.PostAsJsonAsync($"/api/admin/accounts/{ana.Id}/suspend", new AdminReasonRequest("Spam in every chat"), LiveApi.Json));
        Assert.Equal("Spam in every chat", suspended.SuspendedReason);
        Assert.NotNull(suspended.SuspendedAt);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using (var me = await asAna.GetAsync("/api/me"))
        {
            Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.AccountSuspended), (me.StatusCode, await OperatorNode.CodeAsync(me)));
        }

        using (var signIn = await node.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(AnaEmail, "Shop-Live-2026"), LiveApi.Json))
        {
            Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.AccountSuspended), (signIn.StatusCode, await OperatorNode.CodeAsync(signIn)));
        }

        using (var refresh = await node.Http.PostAsJsonAsync("/api/auth/refresh", new RefreshRequest(session.RefreshToken), LiveApi.Json))
        {
            Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.AccountSuspended), (refresh.StatusCode, await OperatorNode.CodeAsync(refresh)));
        }

        var refused = await Record.ExceptionAsync(() => LiveViewer.ConnectAsync(node.Address, session.Token, WireProtocol.Json, reconnect: false));
        Assert.Contains("401", refused?.Message ?? "", StringComparison.Ordinal);

        var audit = (await OperatorNode.AuditAsync(node, "target=" + ana.Id)).Entries;
        Assert.Equal((AuditActions.AccountSuspended, "u-admin", "Spam in every chat"), (audit[0].Action, audit[0].ActorId, audit[0].Detail));

        // Lifted: she signs in again (her old sessions stay ended).
        var lifted = await LiveApi.ReadAsync<AdminUserDto>(await admin.PostAsync($"/api/admin/accounts/{ana.Id}/unsuspend", null));
        Assert.Null(lifted.SuspendedAt);
        var again = await LiveApi.ReadAsync<TokenResponse>(await node.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(AnaEmail, "Shop-Live-2026"), LiveApi.Json));
        Assert.Equal(HttpStatusCode.OK, (await node.Authorized(again.Token).GetAsync("/api/me")).StatusCode);
        Assert.Equal(AuditActions.AccountUnsuspended, (await OperatorNode.AuditAsync(node, "target=" + ana.Id)).Entries[0].Action);
    }

    [Fact]
    public async Task Admins_cannot_be_suspended_not_even_by_themselves_and_others_cannot_suspend_at_all()
    {
        using var admin = await fixture.AsAsync("admin");
        using var self = await admin.PostAsJsonAsync("/api/admin/accounts/u-admin/suspend", new AdminReasonRequest("oops"), LiveApi.Json);
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.CannotSuspendAdmin), (self.StatusCode, await OperatorNode.CodeAsync(self)));

        using var unknown = await admin.PostAsJsonAsync("/api/admin/accounts/u-nobody/suspend", new AdminReasonRequest("who"), LiveApi.Json);
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.UnknownUser), (unknown.StatusCode, await OperatorNode.CodeAsync(unknown)));

        await fixture.Node.TokenAsync("sam");
        using var host = await fixture.AsAsync("mia");
        using var byHost = await host.PostAsJsonAsync("/api/admin/accounts/u-viewer-sam/suspend", new AdminReasonRequest("I do not like sam"), LiveApi.Json);
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.AdminOnly), (byHost.StatusCode, await OperatorNode.CodeAsync(byHost)));
        Assert.Equal(HttpStatusCode.OK, (await (await fixture.AsAsync("sam")).GetAsync("/api/me")).StatusCode);
    }
}
