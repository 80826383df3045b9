using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Catalog;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Features.Streams;

namespace LiveCommerce.Server.Features.Attribution;

/// <summary>
/// Names the rows of a report as people know them: an influencer by display name and @handle, a stream,
/// product or sale by its title. Keys stay ids for machines; a row whose subject is gone keeps a null name.
/// </summary>
public sealed class ReportNames(IAccountDirectory accounts, IStreamStore streams, ICatalogStore catalog, IFlashSaleInventory sales)
{
    public async Task<EarningsReport> NameAsync(EarningsReport report, CancellationToken ct)
    {
        string[] Keys(string dimension) => [.. report.Rows.Where(r => r.Dimension == dimension).Select(r => r.Key).Distinct(StringComparer.Ordinal)];

        // Influencers are few and read from the accounts database one by one; the stores pipeline concurrent reads.
        var people = new List<(string Id, Account? Account)>();
        foreach (var id in Keys("influencer"))
        {
            people.Add((id, await accounts.FindAsync(id, ct)));
        }

        var streamTitles = await Task.WhenAll(Keys("stream").Select(async id => (id, (await streams.GetAsync(id, ct))?.Title)));
        var saleTitles = await Task.WhenAll(Keys("sale").Select(async id => (id, (await sales.GetAsync(id, ct))?.Title)));
        var productTitles = (await catalog.GetProductsAsync(Keys("product"), ct)).Select(p => (p.Id, (string?)p.Title));

        var names = new Dictionary<(string, string), (string? Name, string? Handle)>();
        foreach (var (id, account) in people)
        {
            // Only a host has a public handle; a viewer's "handle" is their id.
            names[("influencer", id)] = (account?.DisplayName, account is { Role: Roles.Host } ? account.Handle : null);
        }

        foreach (var (dimension, titles) in new[] { ("stream", streamTitles), ("sale", saleTitles), ("product", productTitles.ToArray()) })
        {
            foreach (var (id, title) in titles)
            {
                names[(dimension, id)] = (title, null);
            }
        }

        return report with
        {
            Rows = [.. report.Rows.Select(r => names.TryGetValue((r.Dimension, r.Key), out var n) ? r with { Name = n.Name, Handle = n.Handle } : r)],
        };
    }
}
