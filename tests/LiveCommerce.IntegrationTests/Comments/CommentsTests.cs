using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Streams;
using LiveCommerce.Server.Features.Comments;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.IntegrationTests.Comments;

/// <summary>Comments, reactions and moderation on two real nodes sharing one Redis, through real SignalR clients.</summary>
public sealed class CommentsTests(Cluster cluster) : IClassFixture<Cluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static IEnumerable<CommentDto> Received(LiveViewer v, string streamId) =>
        v.Events(streamId).OfType<CommentsAdded>().SelectMany(b => b.Comments);

    private static Task<CommentDto> Send(LiveViewer v, string streamId, string text) =>
        v.Hub.SendComment(streamId, text);

    private async Task<LiveViewer> Connect(TestNode node, string token) => await LiveViewer.ConnectAsync(node.Address, token);

    [Fact]
    public async Task Comments_through_node_A_and_node_B_reach_viewers_on_both_nodes_in_seq_order_none_lost_or_duplicated()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var onA = await cluster.A.ViewerAsync(protocol: WireProtocol.MessagePack);
        await using var onB = await cluster.B.ViewerAsync();
        await onA.JoinAsync(stream.Id);
        await onB.JoinAsync(stream.Id);

        // Ten viewers, half on each node, each sending eight comments at once.
        var senders = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? cluster.A : cluster.B).ViewerAsync()));
        var sent = (await Task.WhenAll(senders.Select(async (s, i) =>
        {
            var mine = new List<CommentDto>();
            for (var k = 0; k < 8; k++)
            {
                mine.Add(await Send(s, stream.Id, $"viewer {i} comment {k}"));
            }

            return mine;
        }))).SelectMany(c => c).ToList();
        Assert.Equal(80, sent.Select(c => c.Id).Distinct().Count());

        foreach (var viewer in new[] { onA, onB })
        {
            await viewer.WaitUntilAsync(v => Received(v, stream.Id).Count() >= 80, Patience, "all 80 comments");
            var batches = viewer.Events(stream.Id).OfType<CommentsAdded>().ToList();
            Assert.Equal(Enumerable.Range(1, batches.Count).Select(i => (long)i), batches.Select(b => b.Seq));
            var ids = Received(viewer, stream.Id).Select(c => c.Id).ToList();
            Assert.Equal(80, ids.Count); // none duplicated
            Assert.Equal(sent.Select(c => c.Id).Order(), ids.Order()); // none lost
            Assert.True(batches.Count < 80, $"comments were batched ({batches.Count} batches for 80 comments)");
        }

        // Each viewer's comments keep their order within the stream.
        var seen = Received(onB, stream.Id).ToList();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(Enumerable.Range(0, 8).Select(k => $"viewer {i} comment {k}"), seen.Where(c => c.Text.StartsWith($"viewer {i} ", StringComparison.Ordinal)).Select(c => c.Text));
        }

        // The last 50 are in a new viewer's snapshot, on either node.
        await using var late = await cluster.B.ViewerAsync();
        var snapshot = await late.JoinAsync(stream.Id);
        Assert.Equal(seen.TakeLast(50).Select(c => c.Id), snapshot.Comments.Select(c => c.Id));
        await Task.WhenAll(senders.Select(s => s.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task Rate_limit_holds_across_two_nodes_and_across_a_reconnect()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        var token = await cluster.A.ViewerTokenAsync();
        await using (var tabOnA = await Connect(cluster.A, token))
        await using (var tabOnB = await Connect(cluster.B, token))
        {
            for (var i = 0; i < 10; i++)
            {
                await Send(i % 2 == 0 ? tabOnA : tabOnB, stream.Id, $"hello {i}");
            }

            await AssertHubError(Send(tabOnA, stream.Id, "one too many"), ErrorCodes.RateLimited);
            await AssertHubError(Send(tabOnB, stream.Id, "one too many"), ErrorCodes.RateLimited);
            Assert.Equal(HubConnectionState.Connected, tabOnA.Connection.State);
        }

        await using var back = await Connect(cluster.B, token);
        await AssertHubError(Send(back, stream.Id, "after reconnecting"), ErrorCodes.RateLimited);
        Assert.Equal(stream.Id, (await back.JoinAsync(stream.Id)).Stream.Id); // still connected and usable
    }

    [Fact]
    public async Task Slow_mode_holds_across_two_nodes_and_across_a_reconnect()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var host = await cluster.B.ViewerAsync("mia");
        await using var watcher = await cluster.A.ViewerAsync();
        await watcher.JoinAsync(stream.Id);
        Assert.Equal(2, await host.Hub.SetSlowMode(stream.Id, 2));
        await watcher.WaitUntilAsync(v => v.Events(stream.Id).OfType<SlowModeChanged>().Any(e => e.Seconds == 2), Patience, nameof(SlowModeChanged));

        var token = await cluster.A.ViewerTokenAsync();
        await using (var onA = await Connect(cluster.A, token))
        {
            await Send(onA, stream.Id, "first");
            await AssertHubError(Send(onA, stream.Id, "too soon"), ErrorCodes.SlowMode);
        }

        var accepted = DateTime.UtcNow;
        await using var onB = await Connect(cluster.B, token);
        await AssertHubError(Send(onB, stream.Id, "too soon, other node, new connection"), ErrorCodes.SlowMode);
        Assert.Equal(2, (await onB.JoinAsync(stream.Id)).SlowModeSeconds);

        // The host is not slowed; the viewer may comment again once the delay has passed.
        await Send(host, stream.Id, "host talks freely");
        await Send(host, stream.Id, "and again");
        CommentDto? again = null;
        while (again is null && DateTime.UtcNow - accepted < Patience)
        {
            try
            {
                again = await Send(onB, stream.Id, "later");
            }
            catch (HubException e) when (ErrorCodes.FromHubError(e.Message) == ErrorCodes.SlowMode)
            {
                await Task.Delay(200);
            }
        }

        Assert.NotNull(again);
        Assert.True(DateTime.UtcNow - accepted >= TimeSpan.FromSeconds(1.5), "slow mode was enforced for its delay");
    }

    [Fact]
    public async Task A_ban_and_a_timeout_hold_across_nodes_and_reconnects_and_only_staff_can_give_them()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var host = await cluster.B.ViewerAsync("mia");
        await using var sam = await cluster.A.ViewerAsync("sam");
        await using var ana = await cluster.A.ViewerAsync("ana");
        await Send(sam, stream.Id, "hi");

        await AssertHubError(ana.Hub.BanViewer(stream.Id, "u-viewer-sam"), ErrorCodes.NotOwner);
        await AssertHubError(host.Hub.TimeoutViewer(stream.Id, "u-viewer-ana", 5), ErrorCodes.ValidationFailed);
        await AssertHubError(host.Hub.TimeoutViewer(stream.Id, "u-viewer-ana", 86_401), ErrorCodes.ValidationFailed);

        await host.Hub.BanViewer(stream.Id, "u-viewer-sam");
        await host.Hub.TimeoutViewer(stream.Id, "u-viewer-ana", 60);
        await AssertHubError(Send(sam, stream.Id, "am I banned?"), ErrorCodes.Banned);
        await AssertHubError(Send(ana, stream.Id, "am I timed out?"), ErrorCodes.TimedOut);
        await using (var samOnB = await cluster.B.ViewerAsync("sam"))
        await using (var anaOnB = await cluster.B.ViewerAsync("ana"))
        {
            await AssertHubError(Send(samOnB, stream.Id, "other node"), ErrorCodes.Banned);
            await AssertHubError(Send(anaOnB, stream.Id, "other node"), ErrorCodes.TimedOut);
        }

        Assert.Equal(HubConnectionState.Connected, sam.Connection.State);

        // A moderator the host names can ban too, but not the host; lifting restores the viewer.
        using var mia = cluster.A.Authorized(await cluster.A.TokenAsync("mia"));
        Assert.Equal(["u-viewer-ana"], await LiveApi.ReadAsync<string[]>(await mia.PutAsync($"/api/streams/{stream.Id}/moderators/u-viewer-ana", null)));
        await host.Hub.UnbanViewer(stream.Id, "u-viewer-ana");
        await Send(ana, stream.Id, "I moderate now");
        await AssertHubError(ana.Hub.BanViewer(stream.Id, "u-host-mia"), ErrorCodes.Forbidden);
        await host.Hub.UnbanViewer(stream.Id, "u-viewer-sam");
        await Send(sam, stream.Id, "back again");
    }

    [Fact]
    public async Task A_deleted_comment_disappears_for_everyone_and_from_later_snapshots()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var watcher = await cluster.A.ViewerAsync();
        await watcher.JoinAsync(stream.Id);
        await using var writer = await cluster.B.ViewerAsync();
        var comments = new[] { await Send(writer, stream.Id, "one"), await Send(writer, stream.Id, "rude"), await Send(writer, stream.Id, "three") };
        await watcher.WaitUntilAsync(v => Received(v, stream.Id).Count() == 3, Patience, "three comments");

        await AssertHubError(writer.Hub.DeleteComment(stream.Id, comments[1].Id), ErrorCodes.NotOwner);
        await using var host = await cluster.B.ViewerAsync("mia");
        await host.Hub.DeleteComment(stream.Id, comments[1].Id);
        await watcher.WaitUntilAsync(v => v.Events(stream.Id).OfType<CommentRemoved>().Any(r => r.CommentId == comments[1].Id), Patience, nameof(CommentRemoved));
        await AssertHubError(host.Hub.DeleteComment(stream.Id, comments[1].Id), ErrorCodes.CommentNotFound);

        foreach (var node in new[] { cluster.A, cluster.B })
        {
            await using var late = await node.ViewerAsync();
            var snapshot = await late.JoinAsync(stream.Id);
            Assert.Equal(["one", "three"], snapshot.Comments.Select(c => c.Text));
        }

        // A viewer resuming from before the delete catches up on it.
        await using var resumed = await cluster.B.ViewerAsync();
        var caughtUp = await resumed.JoinAsync(stream.Id, 0);
        Assert.True(caughtUp.CaughtUp);
        await resumed.WaitUntilAsync(v => v.Events(stream.Id).OfType<CommentRemoved>().Any(), Patience, "catch-up with the removal");
        Assert.Equal(3, Received(resumed, stream.Id).Count());
    }

    [Fact]
    public async Task A_flooding_account_is_limited_while_another_viewers_comments_still_flow()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var watcher = await cluster.B.ViewerAsync();
        await watcher.JoinAsync(stream.Id);

        var floodToken = await cluster.A.ViewerTokenAsync();
        var tabs = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Connect(i % 2 == 0 ? cluster.A : cluster.B, floodToken)));
        await using var calm = await cluster.A.ViewerAsync();

        var flood = Task.WhenAll(tabs.Select(async tab =>
        {
            var codes = new List<string?>();
            for (var i = 0; i < 30; i++)
            {
                try
                {
                    await Send(tab, stream.Id, $"FLOOD {i}");
                    codes.Add(null);
                }
                catch (HubException e)
                {
                    codes.Add(ErrorCodes.FromHubError(e.Message));
                }
            }

            return codes;
        }));
        var calmSent = new List<CommentDto>();
        for (var i = 0; i < 5; i++)
        {
            calmSent.Add(await Send(calm, stream.Id, $"calm {i}"));
        }

        var codes = (await flood).SelectMany(c => c).ToList();
        Assert.Equal(10, codes.Count(c => c is null));
        Assert.All(codes.Where(c => c is not null), c => Assert.Equal(ErrorCodes.RateLimited, c));
        Assert.All(tabs, t => Assert.Equal(HubConnectionState.Connected, t.Connection.State));

        await watcher.WaitUntilAsync(v => Received(v, stream.Id).Count() >= 15, Patience, "the calm viewer's comments and the ten accepted floods");
        Assert.Equal(calmSent.Select(c => c.Id).Order(), Received(watcher, stream.Id).Where(c => c.Text.StartsWith("calm", StringComparison.Ordinal)).Select(c => c.Id).Order());
        Assert.Equal(15, Received(watcher, stream.Id).Count());
        await Task.WhenAll(tabs.Select(t => t.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task Hostile_input_gets_clear_codes_the_connection_stays_up_and_nothing_renderable_is_stored()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        using (var mia = cluster.A.Authorized(await cluster.A.TokenAsync("mia")))
        {
            var set = await mia.PutAsJsonAsync($"/api/streams/{stream.Id}/blocked-words", new BlockedWordsRequest(["scam"]), LiveApi.Json);
            Assert.Equal(["scam"], (await LiveApi.ReadAsync<StreamBlockedWords>(set)).Words);
        }

        await using var watcher = await cluster.B.ViewerAsync();
        await watcher.JoinAsync(stream.Id);
        await using var hostile = await cluster.A.ViewerAsync();
        await AssertHubError(Send(hostile, stream.Id, new string('x', 201)), ErrorCodes.CommentTooLong);
        await AssertHubError(Send(hostile, stream.Id, new string('x', 20_000)), ErrorCodes.CommentTooLong);
        await AssertHubError(Send(hostile, stream.Id, ""), ErrorCodes.CommentEmpty);
        await AssertHubError(hostile.Hub.SendComment(stream.Id, null), ErrorCodes.CommentEmpty);
        await AssertHubError(Send(hostile, stream.Id, "\u0000\u0001\u0002\u001b[31m"[..3]), ErrorCodes.CommentEmpty);
        await AssertHubError(Send(hostile, stream.Id, "\u200B\u200D\u202E\uFEFF"), ErrorCodes.CommentEmpty);
        var blocked = await Assert.ThrowsAsync<HubException>(() => Send(hostile, stream.Id, "free money, not a 5 c @ m"));
        Assert.Equal(ErrorCodes.BlockedWord, ErrorCodes.FromHubError(blocked.Message));
        Assert.Contains("scam", blocked.Message, StringComparison.Ordinal);
        await AssertHubError(Send(hostile, "../etc", "hi"), ErrorCodes.ValidationFailed);
        await AssertHubError(hostile.Hub.React(stream.Id, "<img>"), ErrorCodes.InvalidReaction);

        // A payload of the wrong shape where text belongs fails to bind; the connection survives it.
        await Assert.ThrowsAsync<HubException>(() => hostile.Connection.InvokeCoreAsync(nameof(ILiveHub.SendComment), typeof(CommentDto), [stream.Id, new[] { 0, 1, 2, 255 }]));
        await Assert.ThrowsAsync<HubException>(() => hostile.Connection.InvokeCoreAsync(nameof(ILiveHub.SendComment), typeof(CommentDto), [stream.Id, new { html = "<b>" }]));

        // Accepted, but cleaned: markup stays literal text, invisible and reordering characters are gone.
        var script = await Send(hostile, stream.Id, "<script>alert('x')</script>");
        var rtl = await Send(hostile, stream.Id, "price \u202E001$ \u202Cnow");
        var zw = await Send(hostile, stream.Id, "sp\u200Bace\u0007d");
        Assert.Equal("<script>alert('x')</script>", script.Text);
        Assert.Equal("price 001$ now", rtl.Text);
        Assert.Equal("spaced", zw.Text);

        Assert.Equal(HubConnectionState.Connected, hostile.Connection.State);
        await watcher.WaitUntilAsync(v => Received(v, stream.Id).Count() == 3, Patience, "the three cleaned comments");
        Assert.Equal([script.Text, rtl.Text, zw.Text], Received(watcher, stream.Id).Select(c => c.Text));
        Assert.Equal(3, Received(watcher, stream.Id).Count());
    }

    [Fact]
    public async Task Reactions_from_both_nodes_arrive_as_a_few_tallies_that_add_up()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var watcherA = await cluster.A.ViewerAsync();
        await using var watcherB = await cluster.B.ViewerAsync();
        await watcherA.JoinAsync(stream.Id);
        await watcherB.JoinAsync(stream.Id);
        var tappers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? cluster.A : cluster.B).ViewerAsync()));
        await Task.WhenAll(tappers.Select(async t =>
        {
            for (var i = 0; i < 10; i++)
            {
                await t.Hub.React(stream.Id, i % 2 == 0 ? ReactionKinds.Heart : ReactionKinds.Fire);
            }
        }));

        foreach (var w in new[] { watcherA, watcherB })
        {
            await w.WaitUntilAsync(v => v.States<ReactionsTallied>().Sum(t => t.Heart + t.Fire) >= 60, Patience, "60 taps tallied");
            var tallies = w.States<ReactionsTallied>().Where(t => t.StreamId == stream.Id).ToList();
            Assert.Equal(30, tallies.Sum(t => t.Heart));
            Assert.Equal(30, tallies.Sum(t => t.Fire));
            Assert.True(tallies.Count < 60, $"taps were coalesced ({tallies.Count} tallies for 60 taps)");
        }

        await Task.WhenAll(tappers.Select(t => t.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task Announcement_questions_and_purchase_moments_reach_every_node()
    {
        var stream = await Cluster.ScheduleAsync(cluster.A);
        await using var viewer = await cluster.B.ViewerAsync("sam");
        await viewer.JoinAsync(stream.Id);
        await using var other = await cluster.A.ViewerAsync("ana");
        await using var host = await cluster.A.ViewerAsync("mia");

        var pinned = await host.Hub.PinAnnouncement(stream.Id, "20% off at 8pm!");
        Assert.Equal(CommentKind.Announcement, pinned.Kind);
        await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<AnnouncementPinned>().Any(a => a.Comment?.Id == pinned.Id), Patience, nameof(AnnouncementPinned));
        await AssertHubError(other.Hub.PinAnnouncement(stream.Id, "mine now"), ErrorCodes.NotOwner);

        var question = await Send(viewer, stream.Id, "Does it come in blue?");
        await viewer.WaitUntilAsync(v => Received(v, stream.Id).Any(c => c.Id == question.Id), Patience, "the question comment");
        await AssertHubError(other.Hub.MarkQuestion(stream.Id, question.Id), ErrorCodes.NotOwner);
        Assert.True((await viewer.Hub.MarkQuestion(stream.Id, question.Id)).IsQuestion);
        await viewer.WaitUntilAsync(v => v.Events(stream.Id).OfType<QuestionMarked>().Any(q => q.Comment.Id == question.Id), Patience, nameof(QuestionMarked));
        var questions = await host.Hub.GetQuestions(stream.Id);
        Assert.Equal([question.Id], questions.Select(q => q.Id));
        await AssertHubError(viewer.Hub.GetQuestions(stream.Id), ErrorCodes.NotOwner);

        // The flash-sale feature calls this on whichever node took the order.
        var moment = await cluster.A.Get<ICommentFeed>().AddPurchaseMomentAsync(stream.Id, "Ana", "Brazil", "Glow Serum");
        await viewer.WaitUntilAsync(v => Received(v, stream.Id).Any(c => c.Id == moment.Id), Patience, "the purchase moment");
        Assert.Equal(CommentKind.Purchase, Received(viewer, stream.Id).Single(c => c.Id == moment.Id).Kind);
        Assert.Equal("Ana from Brazil just bought Glow Serum", moment.Text);

        await using var late = await cluster.A.ViewerAsync();
        var snapshot = await late.JoinAsync(stream.Id);
        Assert.Equal(pinned.Id, snapshot.Announcement!.Id);
        Assert.Equal([question.Id, moment.Id], snapshot.Comments.Select(c => c.Id));
    }

    private static async Task AssertHubError(Task call, string code)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => call);
        Assert.Equal(code, ErrorCodes.FromHubError(error.Message));
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
    }
}
