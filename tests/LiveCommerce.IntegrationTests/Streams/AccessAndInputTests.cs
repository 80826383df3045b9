using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveCommerce.IntegrationTests.Streams;

/// <summary>Only the owner acts; bad input is refused with a stable code and changes nothing.</summary>
public sealed class AccessAndInputTests(Cluster cluster) : IClassFixture<Cluster>
{
    [Fact]
    public async Task A_viewer_cannot_start_or_end_a_stream_and_the_connection_stays_up()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var viewer = await cluster.A.ViewerAsync("sam");
        await AssertHubError(viewer.Hub.StartStream(stream.Id), ErrorCodes.NotOwner);
        await AssertHubError(viewer.Hub.EndStream(stream.Id), ErrorCodes.NotOwner);

        using var http = cluster.B.Authorized(await cluster.B.TokenAsync("sam"));
        var response = await http.PostAsync($"/api/streams/{stream.Id}/start", null);
        await AssertProblem(response, HttpStatusCode.Forbidden, ErrorCodes.NotOwner);
        var schedule = await http.PostAsJsonAsync("/api/streams", new ScheduleStreamRequest("Mine", null, DateTimeOffset.UtcNow, null, null), LiveApi.Json);
        await AssertProblem(schedule, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        // Still connected and still upcoming.
        var snapshot = await viewer.JoinAsync(stream.Id);
        Assert.Equal(StreamStatus.Upcoming, snapshot.Stream.Status);
    }

    [Fact]
    public async Task A_host_cannot_change_another_hosts_stream_but_an_admin_can()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A, host: "mia");
        using var leo = cluster.A.Authorized(await cluster.A.TokenAsync("leo"));
        await AssertProblem(await leo.PostAsync($"/api/streams/{stream.Id}/start", null), HttpStatusCode.Forbidden, ErrorCodes.NotOwner);
        await AssertProblem(
            await leo.PutAsJsonAsync($"/api/streams/{stream.Id}", new ScheduleStreamRequest("Hijacked", null, DateTimeOffset.UtcNow, null, null), LiveApi.Json),
            HttpStatusCode.Forbidden,
            ErrorCodes.NotOwner);

        using var admin = cluster.B.Authorized(await cluster.B.TokenAsync("admin"));
        var started = await LiveApi.ReadAsync<StreamDto>(await admin.PostAsync($"/api/streams/{stream.Id}/start", null));
        Assert.Equal(StreamStatus.Live, started.Status);
        Assert.Equal("Test stream", started.Title);

        // Going live twice is refused, not repeated.
        using var mia = cluster.A.Authorized(await cluster.A.TokenAsync("mia"));
        await AssertProblem(await mia.PostAsync($"/api/streams/{stream.Id}/start", null), HttpStatusCode.Conflict, ErrorCodes.InvalidTransition);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("bell\u0007in title", "control")]
    [InlineData("right\u202Eto-left override", "control")]
    [InlineData("zero\u200Bwidth", "control")]
    public async Task Bad_titles_are_refused_and_nothing_is_created(string title, string reason)
    {
        using var mia = cluster.A.Authorized(await cluster.A.TokenAsync("mia"));
        var before = await UpcomingCount();
        var response = await mia.PostAsJsonAsync("/api/streams", new ScheduleStreamRequest(title, null, DateTimeOffset.UtcNow, null, null), LiveApi.Json);
        var problem = await AssertProblem(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Contains(reason, problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"fields\":{\"title\":", problem, StringComparison.Ordinal); // the form shows it next to the title
        Assert.Equal(before, await UpcomingCount());
    }

    [Fact]
    public async Task Oversized_title_malformed_body_and_bad_urls_are_refused()
    {
        using var mia = cluster.A.Authorized(await cluster.A.TokenAsync("mia"));
        await AssertProblem(
            await mia.PostAsJsonAsync("/api/streams", new ScheduleStreamRequest(new string('x', 121), null, DateTimeOffset.UtcNow, null, null), LiveApi.Json),
            HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        await AssertProblem(
            await mia.PostAsJsonAsync("/api/streams", new ScheduleStreamRequest("ok", null, DateTimeOffset.UtcNow, "javascript:alert(1)", null), LiveApi.Json),
            HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        await AssertProblem(
            await mia.PostAsync("/api/streams", new StringContent("{\"title\": [", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        await AssertProblem(await cluster.A.Http.GetAsync("/api/streams?status=deleted"), HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        await AssertProblem(await cluster.A.Http.GetAsync("/api/streams/no-such-stream"), HttpStatusCode.NotFound, ErrorCodes.StreamNotFound);
    }

    [Fact]
    public async Task Joining_unknown_streams_or_with_impossible_lastSeq_is_refused_and_the_connection_stays_up()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var viewer = await cluster.B.ViewerAsync();
        await AssertHubError(viewer.JoinAsync("no-such-stream"), ErrorCodes.StreamNotFound);
        await AssertHubError(viewer.JoinAsync("../../etc/passwd"), ErrorCodes.StreamNotFound);
        await AssertHubError(viewer.JoinAsync(stream.Id, -1), ErrorCodes.InvalidLastSeq);
        await AssertHubError(viewer.JoinAsync(stream.Id, 999), ErrorCodes.InvalidLastSeq);

        var snapshot = await viewer.JoinAsync(stream.Id);
        Assert.Equal(stream.Id, snapshot.Stream.Id);
        Assert.Equal(HubConnectionState.Connected, viewer.Connection.State);
    }

    [Fact]
    public async Task A_viewer_too_far_behind_gets_a_fresh_snapshot_instead_of_a_replay()
    {
        await using var small = await TestNode.StartAsync(null, "local", new Dictionary<string, string?> { ["Realtime:MaxCatchUpEvents"] = "2" });
        var stream = await Cluster.ScheduleAsync(small);
        for (var i = 0; i < 5; i++)
        {
            await Cluster.UpdateTitleAsync(small, stream.Id, $"t{i}");
        }

        await using var viewer = await small.ViewerAsync();
        var snapshot = await viewer.JoinAsync(stream.Id, lastSeq: 1);
        Assert.False(snapshot.CaughtUp);
        Assert.Equal(5, snapshot.Seq);
        Assert.Equal("t4", snapshot.Stream.Title);
        Assert.Empty(viewer.Events(stream.Id));
    }

    public static TheoryData<string> BadTokens()
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestNode.SigningKey));
        var wrongKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-another-key-another-key-0123"));
        var now = DateTime.UtcNow;
        string Make(SymmetricSecurityKey k, DateTime notBefore, DateTime expires, string audience = "livecommerce") =>
            new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "livecommerce",
                Audience = audience,
                Subject = new ClaimsIdentity([new("sub", "u-host-mia"), new("role", Roles.Admin)]),
                IssuedAt = notBefore,
                NotBefore = notBefore,
                Expires = expires,
                SigningCredentials = new SigningCredentials(k, SecurityAlgorithms.HmacSha256),
            });
        static string B64(string json) => Base64UrlEncoder.Encode(json);
        return new TheoryData<string>
        {
            Make(key, now.AddHours(-2), now.AddHours(-1)),
            Make(key, now.AddHours(1), now.AddHours(2)),
            Make(wrongKey, now, now.AddHours(1)),
            Make(key, now, now.AddHours(1), audience: "someone-else"),
            B64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + B64($"{{\"sub\":\"u-admin\",\"role\":\"admin\",\"iss\":\"livecommerce\",\"aud\":\"livecommerce\",\"exp\":{new DateTimeOffset(now.AddHours(1)).ToUnixTimeSeconds()}}}") + ".",
            "not-a-token",
        };
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Expired_future_forged_foreign_and_unsigned_tokens_are_refused(string token)
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        using var http = cluster.A.Authorized(token);
        await AssertProblem(await http.PostAsync($"/api/streams/{stream.Id}/start", null), HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        var connect = await Assert.ThrowsAnyAsync<Exception>(() => LiveViewer.ConnectAsync(cluster.A.Address, token, reconnect: false));
        Assert.Contains("401", connect.Message, StringComparison.Ordinal);
        var unchanged = await LiveApi.ReadAsync<StreamDto>(await cluster.A.Http.GetAsync($"/api/streams/{stream.Id}"));
        Assert.Equal(StreamStatus.Upcoming, unchanged.Status);
    }

    private async Task<int> UpcomingCount() =>
        (await LiveApi.ReadAsync<StreamDto[]>(await cluster.A.Http.GetAsync("/api/streams?status=upcoming&limit=200"))).Length;

    private static async Task<string> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Contains($"\"code\":\"{code}\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return body;
    }

    private static async Task AssertHubError(Task call, string code)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => call);
        Assert.Equal(code, ErrorCodes.FromHubError(error.Message));
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
    }
}
