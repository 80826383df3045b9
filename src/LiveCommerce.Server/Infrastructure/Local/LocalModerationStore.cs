using System.Collections.Concurrent;
using LiveCommerce.Server.Features.Comments;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>In-process moderation state with the same admission semantics as comment_admit.lua.</summary>
public sealed class LocalModerationStore(TimeProvider clock) : IModerationStore
{
    private readonly ConcurrentDictionary<string, StreamModeration> _streams = new();
    private readonly ConcurrentDictionary<string, List<string>> _brandWords = new();

    private StreamModeration For(string streamId) => _streams.GetOrAdd(streamId, _ => new StreamModeration());

    public Task<Admission> AdmitAsync(string streamId, string userId, AdmissionRules rules, CancellationToken ct = default)
    {
        var s = For(streamId);
        var now = clock.GetUtcNow();
        lock (s)
        {
            if (s.Bans.Contains(userId))
            {
                return Done(AdmissionResult.Banned, TimeSpan.Zero);
            }

            if (s.TimeoutUntil.TryGetValue(userId, out var until) && until > now)
            {
                return Done(AdmissionResult.TimedOut, until - now);
            }

            if (rules.IsHost || s.Moderators.Contains(userId))
            {
                return Done(AdmissionResult.Accepted, TimeSpan.Zero);
            }

            if (s.SlowModeSeconds > 0 && s.SlowGate.TryGetValue(userId, out var gate) && gate > now)
            {
                return Done(AdmissionResult.SlowMode, gate - now);
            }

            if (!s.Rate.TryGetValue(userId, out var times))
            {
                s.Rate[userId] = times = new Queue<DateTimeOffset>();
            }

            while (times.Count > 0 && times.Peek() <= now - rules.RateWindow)
            {
                times.Dequeue();
            }

            if (times.Count >= rules.RateLimit)
            {
                var wait = times.Peek() + rules.RateWindow - now;
                return Done(AdmissionResult.RateLimited, wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
            }

            times.Enqueue(now);
            if (s.SlowModeSeconds > 0)
            {
                s.SlowGate[userId] = now.AddSeconds(s.SlowModeSeconds);
            }

            return Done(AdmissionResult.Accepted, TimeSpan.Zero);
        }

        static Task<Admission> Done(AdmissionResult result, TimeSpan retry) => Task.FromResult(new Admission(result, retry));
    }

    public Task SetSlowModeAsync(string streamId, int seconds, CancellationToken ct = default) =>
        With(streamId, s => s.SlowModeSeconds = seconds);

    public Task<int> SlowModeAsync(string streamId, CancellationToken ct = default) =>
        Read(streamId, s => s.SlowModeSeconds);

    public Task TimeoutAsync(string streamId, string userId, TimeSpan duration, CancellationToken ct = default) =>
        With(streamId, s => s.TimeoutUntil[userId] = clock.GetUtcNow() + duration);

    public Task BanAsync(string streamId, string userId, CancellationToken ct = default) =>
        With(streamId, s => s.Bans.Add(userId));

    public Task<IReadOnlyList<string>> BansAsync(string streamId, CancellationToken ct = default) =>
        Read<IReadOnlyList<string>>(streamId, s => s.Bans.Order(StringComparer.Ordinal).ToList());

    public Task LiftAsync(string streamId, string userId, CancellationToken ct = default) =>
        With(streamId, s =>
        {
            s.Bans.Remove(userId);
            s.TimeoutUntil.Remove(userId);
        });

    public Task<bool> SetModeratorAsync(string streamId, string userId, bool isModerator, CancellationToken ct = default) =>
        Read(streamId, s => isModerator ? s.Moderators.Add(userId) : s.Moderators.Remove(userId));

    public Task<bool> IsModeratorAsync(string streamId, string userId, CancellationToken ct = default) =>
        Read(streamId, s => s.Moderators.Contains(userId));

    public Task<IReadOnlyList<string>> ModeratorsAsync(string streamId, CancellationToken ct = default) =>
        Read<IReadOnlyList<string>>(streamId, s => s.Moderators.Order(StringComparer.Ordinal).ToList());

    public Task SetBlockedWordsAsync(BlockedWordScope scope, string id, IReadOnlyList<string> words, CancellationToken ct = default)
    {
        if (scope == BlockedWordScope.Brand)
        {
            _brandWords[id] = words.Distinct(StringComparer.Ordinal).ToList();
            return Task.CompletedTask;
        }

        return With(id, s => s.Words = words.Distinct(StringComparer.Ordinal).ToList());
    }

    public Task<IReadOnlyList<string>> BlockedWordsAsync(BlockedWordScope scope, string id, CancellationToken ct = default) =>
        scope == BlockedWordScope.Brand
            ? Task.FromResult<IReadOnlyList<string>>(_brandWords.TryGetValue(id, out var words) ? words.Order(StringComparer.Ordinal).ToList() : [])
            : Read<IReadOnlyList<string>>(id, s => s.Words.Order(StringComparer.Ordinal).ToList());

    public Task SetStreamBrandsAsync(string streamId, IReadOnlyList<string> brandIds, CancellationToken ct = default) =>
        With(streamId, s => s.Brands = brandIds.Distinct(StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<string>> StreamBrandsAsync(string streamId, CancellationToken ct = default) =>
        Read<IReadOnlyList<string>>(streamId, s => s.Brands.Order(StringComparer.Ordinal).ToList());

    private Task With(string streamId, Action<StreamModeration> change)
    {
        var s = For(streamId);
        lock (s)
        {
            change(s);
        }

        return Task.CompletedTask;
    }

    private Task<T> Read<T>(string streamId, Func<StreamModeration, T> read)
    {
        var s = For(streamId);
        lock (s)
        {
            return Task.FromResult(read(s));
        }
    }

    private sealed class StreamModeration
    {
        public HashSet<string> Bans { get; } = [];

        public Dictionary<string, DateTimeOffset> TimeoutUntil { get; } = [];

        public HashSet<string> Moderators { get; } = [];

        public int SlowModeSeconds { get; set; }

        public Dictionary<string, DateTimeOffset> SlowGate { get; } = [];

        public Dictionary<string, Queue<DateTimeOffset>> Rate { get; } = [];

        public List<string> Words { get; set; } = [];

        public List<string> Brands { get; set; } = [];
    }
}
