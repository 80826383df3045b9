using System.Text;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>In-process order log with the same at-least-once, de-duplicating reads as Redis.</summary>
public sealed class LocalOrderLog(TimeProvider clock) : IOrderLog
{
    private readonly List<(DateTimeOffset At, OrderDto Order, bool Reversal)> _log = [];
    private readonly HashSet<DateOnly> _claimed = [];

    public Task AppendAsync(OrderDto order, CancellationToken ct = default)
    {
        lock (_log)
        {
            _log.Add((clock.GetUtcNow(), order, false));
        }

        return Task.CompletedTask;
    }

    public Task AppendReversalAsync(OrderDto order, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (_log)
        {
            _log.Add((at, order, true));
        }

        return Task.CompletedTask;
    }

    /// <summary>Positions are list indexes: the log only grows.</summary>
    public Task<IReadOnlyList<OrderLogEntry>> ReadAfterAsync(string? after, int count, CancellationToken ct = default)
    {
        var start = after is null ? 0 : int.Parse(after, System.Globalization.CultureInfo.InvariantCulture) + 1;
        lock (_log)
        {
            return Task.FromResult<IReadOnlyList<OrderLogEntry>>(_log.Skip(start).Take(count).Select((l, i) => new OrderLogEntry(
                (start + i).ToString(System.Globalization.CultureInfo.InvariantCulture), l.Order, l.Reversal,
                l.Reversal ? l.At : l.Order.CreatedAt)).ToList());
        }
    }

    public Task<IReadOnlyList<OrderDto>> ListForBuyerAsync(string buyerId, int limit, CancellationToken ct = default)
    {
        lock (_log)
        {
            return Task.FromResult<IReadOnlyList<OrderDto>>(_log.Where(l => !l.Reversal).Select(l => l.Order).Where(o => o.BuyerId == buyerId)
                .DistinctBy(o => o.Id).OrderByDescending(o => o.CreatedAt).Take(limit).ToList());
        }
    }

    public Task<IReadOnlyList<OrderDto>> ListForBrandAsync(string brandId, int limit, CancellationToken ct = default)
    {
        lock (_log)
        {
            return Task.FromResult<IReadOnlyList<OrderDto>>(_log.Where(l => !l.Reversal).Select(l => l.Order).Where(o => o.BrandId == brandId)
                .DistinctBy(o => o.Id).OrderByDescending(o => o.CreatedAt).Take(limit).ToList());
        }
    }

    public Task<IReadOnlyList<OrderDto>> ReadDayAsync(DateOnly day, CancellationToken ct = default)
    {
        lock (_log)
        {
            return Task.FromResult<IReadOnlyList<OrderDto>>(_log.Where(l => !l.Reversal && DateOnly.FromDateTime(l.At.UtcDateTime) == day)
                .Select(l => l.Order).DistinctBy(o => o.Id).ToList());
        }
    }

    public Task<bool> TryClaimArchiveAsync(DateOnly day, CancellationToken ct = default)
    {
        lock (_claimed)
        {
            return Task.FromResult(_claimed.Add(day));
        }
    }
}

/// <summary>The day's orders as JSON lines in a local folder; replaced whole, so a re-run is harmless.</summary>
public sealed class LocalFolderOrderArchive(IOptions<OrderArchiveOptions> options) : IOrderArchive
{
    public async Task WriteDayAsync(DateOnly day, IReadOnlyList<OrderDto> orders, CancellationToken ct = default)
    {
        var folder = Path.GetFullPath(options.Value.ArchiveFolder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"orders-{day:yyyy-MM-dd}.jsonl");
        var temp = path + ".tmp";
        var text = new StringBuilder();
        foreach (var order in orders)
        {
            text.Append(StoredJson.Write(order)).Append('\n');
        }

        await File.WriteAllTextAsync(temp, text.ToString(), ct);
        File.Move(temp, path, overwrite: true);
    }
}
