using System.Globalization;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Pins;
using LiveCommerce.Server.Infrastructure.Local;
using StackExchange.Redis;

namespace LiveCommerce.Server.Infrastructure.Redis;

/// <summary>
/// Showcase (list) and pins (hash productId → json) under the stream's hash tag; timed pins also in
/// one cross-stream index of expiries. The index is written separately and may be stale: the
/// per-stream removal script decides, by pin id, who really removed a pin.
/// </summary>
public sealed class RedisPinStore(IConnectionMultiplexer redis, RedisKeys keys) : IPinStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task SetShowcaseAsync(string streamId, IReadOnlyList<string> productIds, CancellationToken ct = default)
    {
        var tx = Db.CreateTransaction();
        _ = tx.KeyDeleteAsync(keys.StreamShowcase(streamId));
        if (productIds.Count > 0)
        {
            _ = tx.ListRightPushAsync(keys.StreamShowcase(streamId), productIds.Select(p => (RedisValue)p).ToArray());
        }

        await tx.ExecuteAsync();
    }

    public async Task<IReadOnlyList<string>> GetShowcaseAsync(string streamId, CancellationToken ct = default) =>
        (await Db.ListRangeAsync(keys.StreamShowcase(streamId))).Select(v => v.ToString()).ToList();

    public async Task<PinOutcome> TryPinAsync(string streamId, PinDto pin, int maxPins, CancellationToken ct = default)
    {
        var result = (int)await RedisScripts.PinAdd.EvaluateAsync(Db, [keys.StreamPins(streamId)], [pin.ProductId, StoredJson.Write(pin), maxPins]);
        if (result == 1 && pin.ExpiresAt is { } expires)
        {
            await Db.SortedSetAddAsync(keys.PinExpiries, Member(streamId, pin), expires.ToUnixTimeMilliseconds());
        }

        return result switch
        {
            1 => PinOutcome.Pinned,
            0 => PinOutcome.AlreadyPinned,
            _ => PinOutcome.Full,
        };
    }

    public async Task<PinDto?> TryUnpinAsync(string streamId, string productId, CancellationToken ct = default)
    {
        var removed = await RemoveAsync(streamId, productId, "");
        if (removed?.ExpiresAt is not null)
        {
            await Db.SortedSetRemoveAsync(keys.PinExpiries, Member(streamId, removed));
        }

        return removed;
    }

    public async Task<IReadOnlyList<PinDto>> ListAsync(string streamId, CancellationToken ct = default) =>
        PinOrder.Sort((await Db.HashValuesAsync(keys.StreamPins(streamId))).Select(v => StoredJson.Read<PinDto>(v!)));

    public async Task<IReadOnlyList<(string StreamId, PinDto Pin)>> ClaimExpiredAsync(DateTimeOffset now, int max, CancellationToken ct = default)
    {
        var due = await Db.SortedSetRangeByScoreAsync(keys.PinExpiries, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: max);
        var claimed = new List<(string, PinDto)>();
        foreach (var member in due)
        {
            var parts = member.ToString().Split('|');
            if (parts.Length == 3 && await RemoveAsync(parts[0], parts[1], parts[2]) is { } pin)
            {
                claimed.Add((parts[0], pin));
            }

            await Db.SortedSetRemoveAsync(keys.PinExpiries, member);
        }

        return claimed;
    }

    public Task ClearPinsAsync(string streamId, CancellationToken ct = default) =>
        Db.KeyDeleteAsync(keys.StreamPins(streamId));

    private async Task<PinDto?> RemoveAsync(string streamId, string productId, string pinId)
    {
        var json = await RedisScripts.PinRemove.EvaluateAsync(Db, [keys.StreamPins(streamId)], [productId, pinId]);
        return json.IsNull ? null : StoredJson.Read<PinDto>(json.ToString());
    }

    private static string Member(string streamId, PinDto pin) =>
        string.Create(CultureInfo.InvariantCulture, $"{streamId}|{pin.ProductId}|{pin.PinId}");
}
