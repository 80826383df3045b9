using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Contracts;
using LiveCommerce.IntegrationTests.Pins;
using LiveCommerce.Simulator;

namespace LiveCommerce.IntegrationTests.Studio;

/// <summary>
/// The host studio's calls over real HTTP on two nodes (Redis, Azurite): scheduling with language and
/// categories, the host's own list, cancelling, covers, moderators by handle and the ban list. Every
/// refusal carries its stable code and, where a form shows it, the field; nothing is saved on refusal.
/// </summary>
public sealed class StudioTests(ShopCluster shop) : IClassFixture<ShopCluster>
{
    private static ScheduleStreamRequest Request(string title, DateTimeOffset start, string? language = null, IReadOnlyList<string>? categories = null) =>
        new(title, "desc", start, null, null, language, categories);

    [Fact]
    public async Task A_scheduled_stream_keeps_its_language_and_categories_lists_by_them_and_shows_in_its_hosts_studio_only()
    {
        using var mia = await shop.AsAsync(shop.A, "mia");
        var title = "Skincare " + Guid.NewGuid().ToString("N")[..6];
        var created = await LiveApi.ReadAsync<StreamDto>(await mia.PostAsJsonAsync("/api/streams",
            Request(title, DateTimeOffset.UtcNow.AddDays(2), "es", [" Beauty", "skincare", "beauty"]), LiveApi.Json));
        Assert.Equal("es", created.Language);
        Assert.Equal(["beauty", "skincare"], created.Categories);

        var read = await shop.B.Http.GetFromJsonAsync<StreamDto>($"/api/streams/{created.Id}", LiveApi.Json);
        Assert.Equal("es", read!.Language);
        Assert.Equal(["beauty", "skincare"], read.Categories);

        Assert.Contains(await List(shop.B, "status=upcoming&language=es&category=skincare&limit=200"), s => s.Id == created.Id);
        Assert.DoesNotContain(await List(shop.B, "status=upcoming&language=de&limit=200"), s => s.Id == created.Id);
        Assert.DoesNotContain(await List(shop.B, "status=upcoming&category=gaming&limit=200"), s => s.Id == created.Id);

        var mine = await LiveApi.ReadAsync<StreamDto[]>(await mia.GetAsync("/api/streams/mine"));
        Assert.Contains(mine, s => s.Id == created.Id && s.Title == title);
        Assert.All(mine, s => Assert.Equal("u-host-mia", s.HostId));
        using var leo = await shop.AsAsync(shop.B, "leo");
        Assert.DoesNotContain(await LiveApi.ReadAsync<StreamDto[]>(await leo.GetAsync("/api/streams/mine")), s => s.Id == created.Id);
        using var sam = await shop.AsAsync(shop.B, "sam");
        await AssertProblem(await sam.GetAsync("/api/streams/mine"), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task A_start_in_the_past_is_refused_next_to_the_field_on_create_and_on_a_move_and_nothing_changes()
    {
        using var mia = await shop.AsAsync(shop.A, "mia");
        var title = "Past " + Guid.NewGuid().ToString("N")[..6];
        var body = await AssertProblem(await mia.PostAsJsonAsync("/api/streams", Request(title, DateTimeOffset.UtcNow.AddHours(-1)), LiveApi.Json),
            HttpStatusCode.BadRequest, ErrorCodes.StartsInPast);
        Assert.Contains("\"fields\":{\"scheduledStart\":", body, StringComparison.Ordinal);
        Assert.DoesNotContain(await LiveApi.ReadAsync<StreamDto[]>(await mia.GetAsync("/api/streams/mine")), s => s.Title == title);

        var start = DateTimeOffset.UtcNow.AddHours(3);
        var stream = await LiveApi.ReadAsync<StreamDto>(await mia.PostAsJsonAsync("/api/streams", Request(title, start), LiveApi.Json));
        await AssertProblem(await mia.PutAsJsonAsync($"/api/streams/{stream.Id}", Request("Moved back", DateTimeOffset.UtcNow.AddDays(-1)), LiveApi.Json),
            HttpStatusCode.BadRequest, ErrorCodes.StartsInPast);
        var unchanged = await shop.B.Http.GetFromJsonAsync<StreamDto>($"/api/streams/{stream.Id}", LiveApi.Json);
        Assert.Equal(title, unchanged!.Title);
        Assert.Equal(start.ToUnixTimeSeconds(), unchanged.ScheduledStart.ToUnixTimeSeconds());

        // An edit that keeps the start is fine, and a move to the future is saved.
        var later = DateTimeOffset.UtcNow.AddDays(5);
        var moved = await LiveApi.ReadAsync<StreamDto>(await mia.PutAsJsonAsync($"/api/streams/{stream.Id}", Request("Moved on", later, "en", ["fashion"]), LiveApi.Json));
        Assert.Equal(("Moved on", "en"), (moved.Title, moved.Language));
        Assert.Equal(later.ToUnixTimeSeconds(), moved.ScheduledStart.ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("", "title")]
    [InlineData("x", "language")]
    [InlineData("xx", "categories")]
    public async Task Bad_details_are_refused_next_to_their_field(string title, string field)
    {
        using var mia = await shop.AsAsync(shop.A, "mia");
        var request = field switch
        {
            "title" => Request(title, DateTimeOffset.UtcNow.AddHours(1)),
            "language" => Request("Ok", DateTimeOffset.UtcNow.AddHours(1), language: "not a language!"),
            _ => Request("Ok", DateTimeOffset.UtcNow.AddHours(1), categories: ["a", "b", "c", "d", "e", "f"]),
        };
        var body = await AssertProblem(await mia.PostAsJsonAsync("/api/streams", request, LiveApi.Json), HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Contains($"\"{field}\":", body, StringComparison.Ordinal);

        var tooLong = Request(new string('x', 121), DateTimeOffset.UtcNow.AddHours(1));
        Assert.Contains("\"title\":", await AssertProblem(await mia.PostAsJsonAsync("/api/streams", tooLong, LiveApi.Json), HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_cancels_an_upcoming_stream_it_leaves_the_listings_and_can_no_longer_start_or_change()
    {
        using var mia = await shop.AsAsync(shop.A, "mia");
        var stream = await LiveApi.ReadAsync<StreamDto>(await mia.PostAsJsonAsync("/api/streams", Request("To cancel", DateTimeOffset.UtcNow.AddHours(2)), LiveApi.Json));
        using var leo = await shop.AsAsync(shop.B, "leo");
        await AssertProblem(await leo.PostAsync($"/api/streams/{stream.Id}/cancel", null), HttpStatusCode.Forbidden, ErrorCodes.NotOwner);

        var cancelled = await LiveApi.ReadAsync<StreamDto>(await mia.PostAsync($"/api/streams/{stream.Id}/cancel", null));
        Assert.Equal(StreamStatus.Cancelled, cancelled.Status);
        Assert.DoesNotContain(await List(shop.B, "status=upcoming&limit=200"), s => s.Id == stream.Id);
        Assert.Equal(StreamStatus.Cancelled, (await shop.B.Http.GetFromJsonAsync<StreamDto>($"/api/streams/{stream.Id}", LiveApi.Json))!.Status);
        Assert.Contains(await LiveApi.ReadAsync<StreamDto[]>(await mia.GetAsync("/api/streams/mine")), s => s.Id == stream.Id && s.Status == StreamStatus.Cancelled);
        await AssertProblem(await shop.A.Http.GetAsync("/api/streams?status=cancelled"), HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);

        await AssertProblem(await mia.PostAsync($"/api/streams/{stream.Id}/cancel", null), HttpStatusCode.Conflict, ErrorCodes.InvalidTransition);
        await AssertProblem(await mia.PostAsync($"/api/streams/{stream.Id}/start", null), HttpStatusCode.Conflict, ErrorCodes.InvalidTransition);
        await AssertProblem(await mia.PutAsJsonAsync($"/api/streams/{stream.Id}", Request("Again", DateTimeOffset.UtcNow.AddHours(2)), LiveApi.Json),
            HttpStatusCode.Conflict, ErrorCodes.InvalidTransition);
    }

    [Fact]
    public async Task A_live_or_ended_stream_cannot_be_cancelled_and_an_ended_one_cannot_be_edited_or_get_a_cover()
    {
        using var mia = await shop.AsAsync(shop.A, "mia");
        var stream = await LiveApi.ReadAsync<StreamDto>(await mia.PostAsJsonAsync("/api/streams", Request("Live one", DateTimeOffset.UtcNow.AddMinutes(5)), LiveApi.Json));
        await LiveApi.ReadAsync<StreamDto>(await mia.PostAsync($"/api/streams/{stream.Id}/start", null));
        await AssertProblem(await mia.PostAsync($"/api/streams/{stream.Id}/cancel", null), HttpStatusCode.Conflict, ErrorCodes.InvalidTransition);

        await LiveApi.ReadAsync<StreamDto>(await mia.PostAsync($"/api/streams/{stream.Id}/end", null));
        await AssertProblem(await mia.PostAsync($"/api/streams/{stream.Id}/cancel", null), HttpStatusCode.Conflict, ErrorCodes.InvalidTransition);
        await AssertProblem(await mia.PutAsJsonAsync($"/api/streams/{stream.Id}", Request("After", DateTimeOffset.UtcNow.AddHours(1)), LiveApi.Json),
            HttpStatusCode.Conflict, ErrorCodes.InvalidTransition);
        await AssertProblem(await mia.PostAsync($"/api/streams/{stream.Id}/cover", ImageForm(MediaStoreContract.Png(500))), HttpStatusCode.Conflict, ErrorCodes.InvalidTransition);
        Assert.Equal("Live one", (await shop.B.Http.GetFromJsonAsync<StreamDto>($"/api/streams/{stream.Id}", LiveApi.Json))!.Title);
    }

    [Fact]
    public async Task A_cover_that_is_not_an_image_is_refused_next_to_the_cover_field_and_the_stream_keeps_none()
    {
        using var mia = await shop.AsAsync(shop.A, "mia");
        var stream = await LiveApi.ReadAsync<StreamDto>(await mia.PostAsJsonAsync("/api/streams", Request("Covered", DateTimeOffset.UtcNow.AddHours(1)), LiveApi.Json));
        var body = await AssertProblem(await mia.PostAsync($"/api/streams/{stream.Id}/cover", ImageForm("<html>not an image</html>"u8.ToArray())),
            HttpStatusCode.UnsupportedMediaType, ErrorCodes.MediaNotImage);
        Assert.Contains("\"fields\":{\"cover\":", body, StringComparison.Ordinal);
        Assert.Null((await shop.B.Http.GetFromJsonAsync<StreamDto>($"/api/streams/{stream.Id}", LiveApi.Json))!.CoverImageUrl);

        var covered = await LiveApi.ReadAsync<StreamDto>(await mia.PostAsync($"/api/streams/{stream.Id}/cover", ImageForm(MediaStoreContract.Png(800))));
        Assert.StartsWith($"/media/streams/{stream.Id}/", covered.CoverImageUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_names_moderators_by_handle_or_email_sees_the_team_by_name_and_lifts_a_ban_which_the_audit_log_keeps()
    {
        using var mia = await shop.AsAsync(shop.A, "mia");
        var stream = await LiveApi.ReadAsync<StreamDto>(await mia.PostAsJsonAsync("/api/streams", Request("Team", DateTimeOffset.UtcNow.AddMinutes(5)), LiveApi.Json));
        await LiveApi.ReadAsync<StreamDto>(await mia.PostAsync($"/api/streams/{stream.Id}/start", null));

        var missing = await AssertProblem(await mia.PostAsJsonAsync($"/api/streams/{stream.Id}/moderators", new AddModeratorRequest("@nobody-by-this-name"), LiveApi.Json),
            HttpStatusCode.NotFound, ErrorCodes.AccountNotFound);
        Assert.Contains("\"fields\":{\"handle\":", missing, StringComparison.Ordinal);
        await AssertProblem(await mia.PostAsJsonAsync($"/api/streams/{stream.Id}/moderators", new AddModeratorRequest("glow"), LiveApi.Json),
            HttpStatusCode.NotFound, ErrorCodes.AccountNotFound); // a brand is no person
        await AssertProblem(await mia.PostAsJsonAsync($"/api/streams/{stream.Id}/moderators", new AddModeratorRequest(" "), LiveApi.Json),
            HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        using var leo = await shop.AsAsync(shop.B, "leo");
        await AssertProblem(await leo.PostAsJsonAsync($"/api/streams/{stream.Id}/moderators", new AddModeratorRequest("ana"), LiveApi.Json),
            HttpStatusCode.Forbidden, ErrorCodes.NotOwner);
        Assert.Empty((await LiveApi.ReadAsync<StreamTeamDto>(await mia.GetAsync($"/api/streams/{stream.Id}/team"))).Moderators);

        var team = await LiveApi.ReadAsync<StreamTeamDto>(await mia.PostAsJsonAsync($"/api/streams/{stream.Id}/moderators", new AddModeratorRequest("@Leo"), LiveApi.Json));
        team = await LiveApi.ReadAsync<StreamTeamDto>(await mia.PostAsJsonAsync($"/api/streams/{stream.Id}/moderators", new AddModeratorRequest("ana@demo.livecommerce.test"), LiveApi.Json));
        Assert.Equal([("u-viewer-ana", "Ana Souza", (string?)null), ("u-host-leo", "Leo García", "leo")],
            team.Moderators.Select(m => (m.UserId, m.DisplayName, m.Handle)));

        // A moderator sees the team; a viewer does not.
        Assert.Equal(2, (await LiveApi.ReadAsync<StreamTeamDto>(await leo.GetAsync($"/api/streams/{stream.Id}/team"))).Moderators.Count);
        using var sam = await shop.AsAsync(shop.A, "sam");
        await AssertProblem(await sam.GetAsync($"/api/streams/{stream.Id}/team"), HttpStatusCode.Forbidden, ErrorCodes.NotOwner);

        await using (var host = await shop.A.ViewerAsync("mia"))
        {
            await host.Hub.BanViewer(stream.Id, "u-viewer-sam");
        }

        var banned = await LiveApi.ReadAsync<StreamTeamDto>(await leo.GetAsync($"/api/streams/{stream.Id}/team"));
        Assert.Equal([("u-viewer-sam", "Sam Lee")], banned.Banned.Select(b => (b.UserId, b.DisplayName)));
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"/api/streams/{stream.Id}/bans/u-viewer-sam")).StatusCode);
        Assert.Empty((await LiveApi.ReadAsync<StreamTeamDto>(await mia.GetAsync($"/api/streams/{stream.Id}/team"))).Banned);

        using var admin = await shop.AsAsync(shop.B, "admin");
        foreach (var action in new[] { AuditActions.ViewerBanned, AuditActions.ViewerUnbanned })
        {
            var page = await LiveApi.ReadAsync<AuditPage>(await admin.GetAsync($"/api/audit?action={action}&target=u-viewer-sam&limit=50"));
            Assert.Contains(page.Entries, e => e.ActorId == "u-host-mia" && e.Detail == $"stream {stream.Id}");
        }

        // Removing a moderator takes them off the team.
        await mia.DeleteAsync($"/api/streams/{stream.Id}/moderators/u-host-leo");
        Assert.Equal(["u-viewer-ana"], (await LiveApi.ReadAsync<StreamTeamDto>(await mia.GetAsync($"/api/streams/{stream.Id}/team"))).Moderators.Select(m => m.UserId));
    }

    private static async Task<StreamDto[]> List(TestKit.TestNode node, string query) =>
        await LiveApi.ReadAsync<StreamDto[]>(await node.Http.GetAsync("/api/streams?" + query));

    private static MultipartFormDataContent ImageForm(byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "file", "cover.png" } };
    }

    private static async Task<string> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Contains($"\"code\":\"{code}\"", body, StringComparison.Ordinal);
        return body;
    }
}
