using LiveCommerce.Server.Features.Comments;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

public sealed class RedisModerationStore(IConnectionMultiplexer redis, RedisKeys keys) : IModerationStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<Admission> AdmitAsync(string streamId, string userId, AdmissionRules rules, CancellationToken ct = default)
    {
        var result = (RedisResult[])(await RedisScripts.CommentAdmit.EvaluateAsync(
            Db,
            [keys.Bans(streamId), keys.Timeout(streamId, userId), keys.Moderators(streamId), keys.SlowMode(streamId), keys.SlowModeGate(streamId, userId), keys.CommentRate(streamId, userId)],
            [userId, rules.IsHost ? 1 : 0, rules.RateLimit, (long)rules.RateWindow.TotalMilliseconds, Guid.NewGuid().ToString("N")]))!;
        return new Admission((AdmissionResult)(int)result[0], TimeSpan.FromMilliseconds((long)result[1]));
    }

    public Task SetSlowModeAsync(string streamId, int seconds, CancellationToken ct = default) =>
        seconds > 0 ? Db.StringSetAsync(keys.SlowMode(streamId), seconds) : Db.KeyDeleteAsync(keys.SlowMode(streamId));

    public async Task<int> SlowModeAsync(string streamId, CancellationToken ct = default) =>
        (int?)await Db.StringGetAsync(keys.SlowMode(streamId)) ?? 0;

    public Task TimeoutAsync(string streamId, string userId, TimeSpan duration, CancellationToken ct = default) =>
        Db.StringSetAsync(keys.Timeout(streamId, userId), 1, duration);

    public Task BanAsync(string streamId, string userId, CancellationToken ct = default) =>
        Db.SetAddAsync(keys.Bans(streamId), userId);

    public async Task<IReadOnlyList<string>> BansAsync(string streamId, CancellationToken ct = default) =>
        Sorted(await Db.SetMembersAsync(keys.Bans(streamId)));

    public async Task LiftAsync(string streamId, string userId, CancellationToken ct = default)
    {
        await Db.SetRemoveAsync(keys.Bans(streamId), userId);
        await Db.KeyDeleteAsync(keys.Timeout(streamId, userId));
    }

    public async Task<bool> SetModeratorAsync(string streamId, string userId, bool isModerator, CancellationToken ct = default) =>
        isModerator
            ? await Db.SetAddAsync(keys.Moderators(streamId), userId)
            : await Db.SetRemoveAsync(keys.Moderators(streamId), userId);

    public Task<bool> IsModeratorAsync(string streamId, string userId, CancellationToken ct = default) =>
        Db.SetContainsAsync(keys.Moderators(streamId), userId);

    public async Task<IReadOnlyList<string>> ModeratorsAsync(string streamId, CancellationToken ct = default) =>
        Sorted(await Db.SetMembersAsync(keys.Moderators(streamId)));

    public Task SetBlockedWordsAsync(BlockedWordScope scope, string id, IReadOnlyList<string> words, CancellationToken ct = default) =>
        Replace(WordsKey(scope, id), words);

    public async Task<IReadOnlyList<string>> BlockedWordsAsync(BlockedWordScope scope, string id, CancellationToken ct = default) =>
        Sorted(await Db.SetMembersAsync(WordsKey(scope, id)));

    public Task SetStreamBrandsAsync(string streamId, IReadOnlyList<string> brandIds, CancellationToken ct = default) =>
        Replace(keys.StreamBrands(streamId), brandIds);

    public async Task<IReadOnlyList<string>> StreamBrandsAsync(string streamId, CancellationToken ct = default) =>
        Sorted(await Db.SetMembersAsync(keys.StreamBrands(streamId)));

    private string WordsKey(BlockedWordScope scope, string id) =>
        scope == BlockedWordScope.Stream ? keys.StreamBlockedWords(id) : keys.BrandBlockedWords(id);

    private Task Replace(string key, IReadOnlyList<string> members) =>
        RedisScripts.SetReplace.EvaluateAsync(Db, [key], [.. members.Select(m => (RedisValue)m)]);

    private static List<string> Sorted(RedisValue[] values) =>
        values.Select(v => v.ToString()).Order(StringComparer.Ordinal).ToList();
}
