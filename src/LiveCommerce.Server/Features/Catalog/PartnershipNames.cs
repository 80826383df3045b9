using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Accounts;

namespace LiveCommerce.Server.Features.Catalog;

/// <summary>Partnerships as people read them: the brand's and the host's names and the host's handle beside the ids.</summary>
public static class PartnershipNames
{
    public static async Task<PartnershipDto> DescribeAsync(this IAccountDirectory accounts, Partnership partnership, CancellationToken ct) =>
        (await accounts.DescribeAsync([partnership], ct))[0];

    public static async Task<IReadOnlyList<PartnershipDto>> DescribeAsync(this IAccountDirectory accounts, IReadOnlyList<Partnership> partnerships, CancellationToken ct)
    {
        var known = new Dictionary<string, Account?>(StringComparer.Ordinal);
        async Task<Account?> FindAsync(string id)
        {
            if (!known.TryGetValue(id, out var account))
            {
                known[id] = account = await accounts.FindAsync(id, ct);
            }

            return account;
        }

        var described = new List<PartnershipDto>(partnerships.Count);
        foreach (var p in partnerships)
        {
            var brand = await FindAsync(p.BrandId);
            var host = await FindAsync(p.HostId);
            described.Add(p.ToDto() with { BrandName = brand?.DisplayName, HostName = host?.DisplayName, HostHandle = host?.Handle });
        }

        return described;
    }
}
