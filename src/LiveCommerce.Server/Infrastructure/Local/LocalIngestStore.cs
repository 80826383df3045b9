using LiveCommerce.Server.Features.Streams;

namespace LiveCommerce.Server.Infrastructure.Local;

public sealed class LocalIngestStore : IIngestStore
{
    private sealed class Entry
    {
        public long KeyVersion;
        public string? Publisher;
        public DateTimeOffset Seen;
        public DateTimeOffset? Until;
        public bool Ended;
    }

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private T With<T>(string streamId, Func<Entry, T> change)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(streamId, out var entry))
            {
                _entries[streamId] = entry = new Entry();
            }

            return change(entry);
        }
    }

    public Task<long> KeyVersionAsync(string streamId, CancellationToken ct = default) => Task.FromResult(With(streamId, e => e.KeyVersion));

    public Task<long> RotateKeyAsync(string streamId, CancellationToken ct = default) => Task.FromResult(With(streamId, e => ++e.KeyVersion));

    public Task<PublisherClaim> ClaimAsync(string streamId, string publisherId, DateTimeOffset now, TimeSpan lease, CancellationToken ct = default) =>
        Task.FromResult(With(streamId, e =>
        {
            if (e.Ended)
            {
                return PublisherClaim.Ended;
            }

            if (e.Publisher is not null && e.Publisher != publisherId && e.Seen + lease > now)
            {
                return PublisherClaim.Busy;
            }

            var resumed = e.Until is not null;
            (e.Publisher, e.Seen, e.Until) = (publisherId, now, null);
            return resumed ? PublisherClaim.Resumed : PublisherClaim.Claimed;
        }));

    public Task<bool> TouchAsync(string streamId, string publisherId, DateTimeOffset now, CancellationToken ct = default) =>
        Task.FromResult(With(streamId, e =>
        {
            if (e.Publisher != publisherId)
            {
                return false;
            }

            e.Seen = now;
            return true;
        }));

    public Task<bool> ReleaseAsync(string streamId, string publisherId, DateTimeOffset reconnectUntil, CancellationToken ct = default) =>
        Task.FromResult(With(streamId, e =>
        {
            if (e.Publisher != publisherId)
            {
                return false;
            }

            (e.Publisher, e.Until) = (null, reconnectUntil);
            return true;
        }));

    public Task<IngestState> GetAsync(string streamId, CancellationToken ct = default) =>
        Task.FromResult(With(streamId, e => new IngestState(e.Publisher, e.Until, e.Ended)));

    public Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct = default)
    {
        lock (_entries)
        {
            return Task.FromResult<IReadOnlyList<string>>(_entries.Where(p => p.Value.Until <= now).Take(limit).Select(p => p.Key).ToList());
        }
    }

    public Task<bool> TryExpireAsync(string streamId, DateTimeOffset now, CancellationToken ct = default) =>
        Task.FromResult(With(streamId, e =>
        {
            if (e.Until is not { } until || until > now || e.Publisher is not null)
            {
                return false;
            }

            (e.Until, e.Ended) = (null, true);
            return true;
        }));

    public Task ForgetAsync(string streamId, CancellationToken ct = default) =>
        Task.FromResult(With(streamId, e => (e.Publisher, e.Until, e.Ended) = (null, null, true)));
}
