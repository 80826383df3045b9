using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Infrastructure;

namespace LiveCommerce.UnitTests.Catalog;

public sealed class PartnershipTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Partnership Terms(PartnershipStatus status = PartnershipStatus.Pending, DateTimeOffset? acceptedAt = null, DateTimeOffset? endedAt = null) =>
        new("u-brand-a", "u-host-b", 10m, ["p-1"], new Dictionary<string, decimal> { ["p-1"] = 12m }, Start, Start.AddDays(30), status, acceptedAt, endedAt);

    [Fact]
    public void Only_accepted_terms_within_their_validity_give_rights()
    {
        var day = Start.AddDays(1);
        Assert.False(Terms().IsActiveAt(day));
        Assert.True(Terms(PartnershipStatus.Accepted, Start).IsActiveAt(day));
        Assert.False(Terms(PartnershipStatus.Accepted, Start).IsActiveAt(Start.AddDays(30)));
        Assert.False(Terms(PartnershipStatus.Ended, Start, day).IsActiveAt(day.AddHours(1)));
    }

    [Fact]
    public void Commission_counts_for_the_time_the_terms_were_accepted_even_after_the_end()
    {
        var accepted = Start.AddDays(1);
        var ended = Start.AddDays(5);
        var partnership = Terms(PartnershipStatus.Ended, accepted, ended);
        Assert.False(partnership.WasInForceAt(accepted.AddSeconds(-1)));
        Assert.True(partnership.WasInForceAt(accepted.AddDays(1)));
        Assert.False(partnership.WasInForceAt(ended));
        Assert.False(Terms().WasInForceAt(accepted.AddDays(1)));
        Assert.False(Terms(PartnershipStatus.Ended, null, ended).WasInForceAt(accepted), "ended before it was ever accepted");
        Assert.True(Terms(PartnershipStatus.Accepted).WasInForceAt(Start), "from before consent: in force from its start");
    }

    [Fact]
    public void Same_terms_ignore_order_status_and_version_but_not_rates_products_or_dates()
    {
        var terms = Terms(PartnershipStatus.Accepted, Start);
        Assert.True(terms.HasSameTerms(Terms() with { Version = 9 }));
        Assert.True((terms with { ProductIds = ["p-2", "p-1"] }).HasSameTerms(terms with { ProductIds = ["p-1", "p-2"] }));
        Assert.False(terms.HasSameTerms(terms with { CommissionRate = 11m }));
        Assert.False(terms.HasSameTerms(terms with { ProductIds = [] }));
        Assert.False(terms.HasSameTerms(terms with { ProductRates = new Dictionary<string, decimal> { ["p-1"] = 13m } }));
        Assert.False(terms.HasSameTerms(terms with { ValidTo = null }));
    }

    [Fact]
    public void A_partnership_stored_before_consent_reads_as_accepted()
    {
        var legacy = StoredJson.Read<Partnership>(
            """{"brandId":"u-brand-a","hostId":"u-host-b","commissionRate":10,"productIds":[],"productRates":{},"validFrom":"2026-01-01T00:00:00+00:00","validTo":null}""");
        Assert.Equal((PartnershipStatus.Accepted, (DateTimeOffset?)null, (DateTimeOffset?)null, 0L), (legacy.Status, legacy.AcceptedAt, legacy.EndedAt, legacy.Version));
        Assert.True(legacy.IsActiveAt(Start.AddDays(1)));
    }

    [Fact]
    public void Status_times_and_version_round_trip_through_the_stored_json()
    {
        var ended = Terms(PartnershipStatus.Ended, Start, Start.AddDays(2)) with { Version = 7 };
        var read = StoredJson.Read<Partnership>(StoredJson.Write(ended));
        Assert.Equal((ended.Status, ended.AcceptedAt, ended.EndedAt, ended.Version), (read.Status, read.AcceptedAt, read.EndedAt, read.Version));
        Assert.Equal(PartnershipStatus.Ended, read.ToDto().Status);
    }
}
