using LiveCommerce.Benchmarks.Micro;
using LiveCommerce.Contracts;

namespace LiveCommerce.Benchmarks.Tests;

/// <summary>Each micro-benchmark does the work its name says (BenchmarkDotNet itself is too slow for the suite).</summary>
public sealed class MicroBenchmarkTests
{
    [Fact]
    public async Task Coalescing_sends_a_window_of_comments_as_one_frame_and_of_orders_as_three()
    {
        var bench = new CoalescingBenchmarks();
        bench.Setup();

        var oneEach = await bench.Comments_OnePublishEach();
        Assert.Equal(CoalescingBenchmarks.PerWindow, bench.Events.Published);
        var batched = await bench.Comments_CommentBatcher() - oneEach;
        Assert.Equal(CoalescingBenchmarks.PerWindow + 1, bench.Events.Published);
        Assert.True(batched < oneEach, $"one frame of 100 comments ({batched} B) should be smaller than 100 frames ({oneEach} B)");

        await bench.Purchases_OnePublishEach();
        Assert.Equal((2 * CoalescingBenchmarks.PerWindow) + 1, bench.Events.Published);
        await bench.Purchases_PurchaseMoments();
        Assert.Equal((2 * CoalescingBenchmarks.PerWindow) + 1 + 3, bench.Events.Published);
    }

    [Fact]
    public void Comment_normalization_keeps_what_viewers_type_and_refuses_or_strips_a_hostile_flood()
    {
        var bench = new CommentNormalizationBenchmarks();

        Assert.Equal(CommentNormalizationBenchmarks.Typical, bench.Normalize_Typical().Text);
        Assert.True(bench.Normalize_Decomposed().IsValid);
        Assert.Contains("Café", bench.Normalize_Decomposed().Text, StringComparison.Ordinal);
        var hostile = bench.Normalize_Hostile();
        Assert.True(!hostile.IsValid || !hostile.Text.Contains('\u200B'), "invisible characters never survive");
        Assert.Null(bench.BlockedWords_Typical_NoHit());
        Assert.Equal("spam", bench.BlockedWords_Evasion_Hit());
    }

    [Fact]
    public async Task Reserve_benchmarks_answer_a_sold_out_sale_from_memory_through_the_mediator_and_the_handler()
    {
        var bench = new ReserveBenchmarks();
        await bench.SetupAsync();
        try
        {
            Assert.Equal(ReserveOutcome.SoldOut, (await bench.Mediator_Reserve_SoldOut()).Outcome);
            Assert.Equal(ReserveOutcome.SoldOut, (await bench.Handler_Reserve_SoldOut()).Outcome);
        }
        finally
        {
            await bench.CleanupAsync();
        }
    }
}
