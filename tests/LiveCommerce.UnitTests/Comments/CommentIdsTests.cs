using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Comments;

namespace LiveCommerce.UnitTests.Comments;

public sealed class CommentIdsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ids_are_short_valid_ids_and_unique_within_the_same_millisecond()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => CommentIds.New(T0)).ToList();

        Assert.All(ids, id => Assert.Equal(CommentIds.Length, id.Length));
        Assert.All(ids, id => Assert.True(TextRules.IsId(id), id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Ids_sort_by_time_as_plain_strings()
    {
        // Across the boundaries where a carry changes a high character: ms 63→64, 4095→4096, one day, years.
        var times = new[] { 0L, 1, 63, 64, 4095, 4096, 86_400_000, 1_700_000_000_000, 1_700_000_000_001, 4_000_000_000_000 }
            .Select(DateTimeOffset.FromUnixTimeMilliseconds).ToList();

        var ids = times.Select(CommentIds.New).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }
}
