using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Orders;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Redis;
using LiveCommerce.Server.Infrastructure;
using LiveCommerce.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveCommerce.IntegrationTests.FlashSales;

/// <summary>The order log on both adapters, and the daily archive taken by exactly one node.</summary>
public abstract class OrderLogContract
{
    protected abstract Task<IOrderLog> CreateAsync();

    private static OrderDto Order(string buyer, DateTimeOffset at) => new(
        "fs-x.o" + Guid.NewGuid().ToString("N")[..6], buyer, "fs-x", "u-brand", [new OrderItemDto("p", null, "Gloss", 1, 5m)], 5m, "USD", "EUR",
        "s-1", new AttributionRef("s-1", "u-host"), "pay", at);

    [Fact]
    public async Task Buyers_see_their_own_orders_and_a_day_reads_back_de_duplicated()
    {
        var log = await CreateAsync();
        var now = DateTimeOffset.UtcNow;
        var mine = Order("b1", now);
        await log.AppendAsync(mine);
        await log.AppendAsync(mine); // a retried checkout logs again
        await log.AppendAsync(Order("b2", now));
        Assert.Equal([mine.Id], (await log.ListForBuyerAsync("b1", 10)).Select(o => o.Id));
        var day = (await log.ReadDayAsync(DateOnly.FromDateTime(now.UtcDateTime))).Where(o => o.SaleId == "fs-x").ToList();
        Assert.Equal(2, day.Count);
        Assert.Equal("EUR", day[0].DisplayCurrency);
    }

    [Fact]
    public async Task The_daily_archive_is_written_once_as_json_lines()
    {
        var log = await CreateAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await log.AppendAsync(Order("b1", DateTimeOffset.UtcNow));
        var folder = Path.Combine(Path.GetTempPath(), "lc-archive-" + Guid.NewGuid().ToString("N")[..8]);
        var options = Options.Create(new OrderArchiveOptions { ArchiveFolder = folder });
        var archivers = Enumerable.Range(0, 4).Select(_ => new OrderArchiver(
            log, new LocalFolderOrderArchive(options), TimeProvider.System, options, NullLogger<OrderArchiver>.Instance)).ToList();
        var claims = await Task.WhenAll(archivers.Select(a => a.ArchiveAsync(today, CancellationToken.None)));
        Assert.Single(claims, c => c);
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, $"orders-{today:yyyy-MM-dd}.jsonl"));
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal("b1", StoredJson.Read<OrderDto>(l).BuyerId));
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class LocalOrderLogTests : OrderLogContract
{
    protected override Task<IOrderLog> CreateAsync() => Task.FromResult<IOrderLog>(new LocalOrderLog(TimeProvider.System));
}

public sealed class RedisOrderLogTests : OrderLogContract
{
    protected override async Task<IOrderLog> CreateAsync() =>
        new RedisOrderLog(await SharedRedis.ConnectionAsync(), new RedisKeys(SharedRedis.UniquePrefix()));
}
