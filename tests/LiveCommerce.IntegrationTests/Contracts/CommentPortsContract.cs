using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Comments;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>What the comment store, moderation store and reaction tally must do; run against Redis and the in-process adapters.</summary>
public abstract class CommentPortsContract
{
    protected abstract Task<(ICommentStore Comments, IModerationStore Moderation, IReactionTally Reactions)> CreateAsync();

    /// <summary>
    /// The windows these tests wait out: long enough that a CI machine stalled between two calls cannot let one
    /// expire before the call that must be refused (a 1 s session TTL did, in ViewerPresenceContract), short enough to wait.
    /// </summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    private static string NewId() => "s-" + Guid.NewGuid().ToString("N")[..10];

    private static CommentDto Comment(string text, string user = "u1") =>
        new(CommentIds.New(DateTimeOffset.UtcNow), user, "User", text, CommentKind.Text, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Recent_comments_keep_the_newest_in_order_with_their_seq_and_removal_takes_one_out()
    {
        var (store, _, _) = await CreateAsync();
        var id = NewId();
        var first = Enumerable.Range(0, 30).Select(i => Comment($"a{i}")).ToList();
        var second = Enumerable.Range(0, 30).Select(i => Comment($"b{i}")).ToList();
        await store.AddRecentAsync(id, 3, first, 50);
        await store.AddRecentAsync(id, 7, second, 50);

        var recent = await store.RecentAsync(id);
        Assert.Equal(first.Skip(10).Concat(second).Select(c => c.Id), recent.Select(r => r.Comment.Id));
        Assert.Equal(Enumerable.Repeat(3L, 20).Concat(Enumerable.Repeat(7L, 30)), recent.Select(r => r.Seq));
        Assert.Equal("b5", (await store.FindRecentAsync(id, second[5].Id))!.Text);

        var removed = await store.RemoveAsync(id, second[5].Id);
        Assert.Equal(second[5].Id, removed!.Id);
        Assert.Null(await store.RemoveAsync(id, second[5].Id));
        Assert.Null(await store.FindRecentAsync(id, second[5].Id));
        Assert.Equal(49, (await store.RecentAsync(id)).Count);
    }

    [Fact]
    public async Task Questions_are_added_once_kept_bounded_and_removed_with_their_comment()
    {
        var (store, _, _) = await CreateAsync();
        var id = NewId();
        var questions = Enumerable.Range(0, 5).Select(i => Comment($"q{i}?") with { IsQuestion = true }).ToList();
        foreach (var q in questions)
        {
            Assert.True(await store.AddQuestionAsync(id, q, 3));
        }

        Assert.False(await store.AddQuestionAsync(id, questions[4], 3));
        Assert.Equal(["q2?", "q3?", "q4?"], (await store.QuestionsAsync(id)).Select(q => q.Text));
        Assert.Equal(questions[3].Id, (await store.RemoveAsync(id, questions[3].Id))!.Id);
        Assert.Equal(["q2?", "q4?"], (await store.QuestionsAsync(id)).Select(q => q.Text));
    }

    [Fact]
    public async Task Announcement_is_set_replaced_and_cleared()
    {
        var (store, _, _) = await CreateAsync();
        var id = NewId();
        Assert.Null(await store.AnnouncementAsync(id));
        await store.SetAnnouncementAsync(id, Comment("one") with { Kind = CommentKind.Announcement });
        await store.SetAnnouncementAsync(id, Comment("two") with { Kind = CommentKind.Announcement });
        Assert.Equal("two", (await store.AnnouncementAsync(id))!.Text);
        await store.SetAnnouncementAsync(id, null);
        Assert.Null(await store.AnnouncementAsync(id));
    }

    [Fact]
    public async Task Rate_limit_holds_under_concurrency_per_user_not_per_caller()
    {
        var (_, moderation, _) = await CreateAsync();
        var id = NewId();
        var rules = new AdmissionRules(10, TimeSpan.FromSeconds(30), IsHost: false);
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => moderation.AdmitAsync(id, "flooder", rules))));
        Assert.Equal(10, results.Count(r => r.Result == AdmissionResult.Accepted));
        Assert.All(results.Where(r => r.Result != AdmissionResult.Accepted), r =>
        {
            Assert.Equal(AdmissionResult.RateLimited, r.Result);
            Assert.InRange(r.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
        });

        // Another viewer is untouched; the host is never limited.
        Assert.Equal(AdmissionResult.Accepted, (await moderation.AdmitAsync(id, "calm", rules)).Result);
        Assert.Equal(AdmissionResult.Accepted, (await moderation.AdmitAsync(id, "flooder", rules with { IsHost = true })).Result);
    }

    [Fact]
    public async Task Sliding_window_frees_a_slot_when_the_oldest_comment_ages_out()
    {
        var (_, moderation, _) = await CreateAsync();
        var id = NewId();
        var rules = new AdmissionRules(2, Window, IsHost: false);
        Assert.Equal(AdmissionResult.Accepted, (await moderation.AdmitAsync(id, "u", rules)).Result);
        Assert.Equal(AdmissionResult.Accepted, (await moderation.AdmitAsync(id, "u", rules)).Result);
        var limited = await moderation.AdmitAsync(id, "u", rules);
        Assert.Equal(AdmissionResult.RateLimited, limited.Result);
        await Task.Delay(limited.RetryAfter + TimeSpan.FromMilliseconds(50));
        Assert.Equal(AdmissionResult.Accepted, (await moderation.AdmitAsync(id, "u", rules)).Result);
    }

    [Fact]
    public async Task Slow_mode_lets_one_comment_through_per_delay_even_when_raced()
    {
        var (_, moderation, _) = await CreateAsync();
        var id = NewId();
        await moderation.SetSlowModeAsync(id, (int)Window.TotalSeconds);
        Assert.Equal((int)Window.TotalSeconds, await moderation.SlowModeAsync(id));
        var rules = new AdmissionRules(100, TimeSpan.FromSeconds(30), IsHost: false);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => moderation.AdmitAsync(id, "u", rules))));
        Assert.Single(results, r => r.Result == AdmissionResult.Accepted);
        var wait = results.First(r => r.Result == AdmissionResult.SlowMode).RetryAfter;
        Assert.InRange(wait, TimeSpan.FromMilliseconds(1), Window);
        await Task.Delay(wait + TimeSpan.FromMilliseconds(50));
        Assert.Equal(AdmissionResult.Accepted, (await moderation.AdmitAsync(id, "u", rules)).Result);

        await moderation.SetSlowModeAsync(id, 0);
        Assert.Equal(0, await moderation.SlowModeAsync(id));
        Assert.Equal(AdmissionResult.Accepted, (await moderation.AdmitAsync(id, "u", rules)).Result);
    }

    [Fact]
    public async Task Bans_and_timeouts_refuse_until_lifted_or_expired_and_moderators_skip_limits()
    {
        var (_, moderation, _) = await CreateAsync();
        var id = NewId();
        var rules = new AdmissionRules(1, TimeSpan.FromSeconds(30), IsHost: false);
        await moderation.BanAsync(id, "troll");
        await moderation.BanAsync(id, "bot");
        Assert.Equal(["bot", "troll"], await moderation.BansAsync(id));
        Assert.Equal(AdmissionResult.Banned, (await moderation.AdmitAsync(id, "troll", rules)).Result);
        await moderation.TimeoutAsync(id, "loud", Window);
        var timedOut = await moderation.AdmitAsync(id, "loud", rules);
        Assert.Equal(AdmissionResult.TimedOut, timedOut.Result);
        Assert.InRange(timedOut.RetryAfter, TimeSpan.FromMilliseconds(1), Window);
        await Task.Delay(timedOut.RetryAfter + TimeSpan.FromMilliseconds(50));
        Assert.Equal(AdmissionResult.Accepted, (await moderation.AdmitAsync(id, "loud", rules)).Result);
        await moderation.LiftAsync(id, "troll");
        Assert.Equal(["bot"], await moderation.BansAsync(id));
        Assert.Empty(await moderation.BansAsync(NewId()));
        Assert.Equal(AdmissionResult.Accepted, (await moderation.AdmitAsync(id, "troll", rules)).Result);

        Assert.True(await moderation.SetModeratorAsync(id, "mod", true));
        Assert.True(await moderation.IsModeratorAsync(id, "mod"));
        Assert.Equal(["mod"], await moderation.ModeratorsAsync(id));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(AdmissionResult.Accepted, (await moderation.AdmitAsync(id, "mod", rules)).Result);
        }

        Assert.True(await moderation.SetModeratorAsync(id, "mod", false));
        Assert.False(await moderation.IsModeratorAsync(id, "mod"));
    }

    [Fact]
    public async Task Blocked_words_and_brand_links_are_replaced_whole()
    {
        var (_, moderation, _) = await CreateAsync();
        var id = NewId();
        var brand = NewId();
        await moderation.SetBlockedWordsAsync(BlockedWordScope.Stream, id, ["b", "a"]);
        await moderation.SetBlockedWordsAsync(BlockedWordScope.Stream, id, ["c", "a"]);
        await moderation.SetBlockedWordsAsync(BlockedWordScope.Brand, brand, ["x"]);
        await moderation.SetStreamBrandsAsync(id, [brand]);
        Assert.Equal(["a", "c"], await moderation.BlockedWordsAsync(BlockedWordScope.Stream, id));
        Assert.Equal(["x"], await moderation.BlockedWordsAsync(BlockedWordScope.Brand, brand));
        Assert.Equal([brand], await moderation.StreamBrandsAsync(id));
        await moderation.SetBlockedWordsAsync(BlockedWordScope.Stream, id, []);
        Assert.Empty(await moderation.BlockedWordsAsync(BlockedWordScope.Stream, id));
    }

    [Fact]
    public async Task Reaction_counts_from_many_adders_are_claimed_once_per_window_and_none_lost()
    {
        var (_, _, tally) = await CreateAsync();
        var id = NewId();
        var window = TimeSpan.FromMilliseconds(200);
        var claimed = new int[ReactionKinds.All.Count];
        var adds = Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => tally.AddAsync(id, [1, i % 2, 0, 0, 2]))));
        var claims = 0;
        var sawEmpty = false;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !sawEmpty)
        {
            var addsWereDone = adds.IsCompleted; // read before claiming: an empty claim only proves the end if it came after every add
            var claim = await tally.ClaimAsync(id, window);
            if (claim is not null)
            {
                sawEmpty = addsWereDone && claim.All(n => n == 0);
                claims += claim.Any(n => n > 0) ? 1 : 0;
                for (var k = 0; k < claim.Length; k++)
                {
                    claimed[k] += claim[k];
                }
            }

            await Task.Delay(20);
        }

        await adds;
        Assert.Equal([40, 20, 0, 0, 80], claimed);
        Assert.True(claims >= 1);
    }
}

public sealed class LocalCommentPortsTests : CommentPortsContract
{
    protected override Task<(ICommentStore, IModerationStore, IReactionTally)> CreateAsync() =>
        Task.FromResult<(ICommentStore, IModerationStore, IReactionTally)>(
            (new LocalCommentStore(), new LocalModerationStore(TimeProvider.System), new LocalReactionTally(TimeProvider.System)));
}

public sealed class RedisCommentPortsTests : CommentPortsContract
{
    protected override async Task<(ICommentStore, IModerationStore, IReactionTally)> CreateAsync()
    {
        var redis = await SharedRedis.ConnectionAsync();
        var keys = new RedisKeys(SharedRedis.UniquePrefix());
        return (new RedisCommentStore(redis, keys), new RedisModerationStore(redis, keys), new RedisReactionTally(redis, keys));
    }
}
