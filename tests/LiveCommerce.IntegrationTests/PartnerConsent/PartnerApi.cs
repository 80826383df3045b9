using System.Net;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Auth;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.PartnerConsent;

/// <summary>Partnerships through the real endpoints: the brand proposes, the host accepts.</summary>
public static class PartnerApi
{
    public static async Task<HttpResponseMessage> ProposeAsync(TestNode node, string brand, string hostId, decimal rate = 15m, IReadOnlyList<string>? productIds = null)
    {
        using var http = node.Authorized(await node.TokenAsync(brand));
        return await http.PutAsJsonAsync("/api/partnerships", new PartnershipRequest(hostId, rate, productIds, null, null, null), LiveApi.Json);
    }

    public static async Task<HttpResponseMessage> AcceptAsync(TestNode node, string host, string brandId)
    {
        using var http = node.Authorized(await node.TokenAsync(host));
        return await http.PostAsync($"/api/partnerships/{brandId}/accept", null);
    }

    public static async Task<HttpResponseMessage> EndAsync(TestNode node, string caller, string brandId, string hostId)
    {
        using var http = node.Authorized(await node.TokenAsync(caller));
        return await http.PostAsync($"/api/partnerships/{brandId}/{hostId}/end", null);
    }

    public static async Task<IReadOnlyList<PartnershipDto>> ListAsync(TestNode node, string caller)
    {
        using var http = node.Authorized(await node.TokenAsync(caller));
        return await LiveApi.ReadAsync<List<PartnershipDto>>(await http.GetAsync("/api/partnerships"));
    }

    /// <summary>The brand proposes <paramref name="rate"/> on every product and the host accepts: the partnership is Accepted on these terms.</summary>
    public static async Task<PartnershipDto> PartnerAsync(TestNode node, string brand, string hostId, decimal rate = 15m)
    {
        var proposed = await LiveApi.ReadAsync<PartnershipDto>(await ProposeAsync(node, brand, hostId, rate));
        return proposed.Status == PartnershipStatus.Accepted ? proposed : await AcceptOrSeeAcceptedAsync(node, proposed);
    }

    /// <summary>
    /// Before a brand's sale on these streams: each stream's host has accepted a partnership with the
    /// brand. One already accepted is left on its terms (tests may have set their own rates).
    /// </summary>
    public static async Task EnsurePartneredAsync(TestNode node, string brand, IEnumerable<string> streamIds)
    {
        var accounts = node.Get<DemoAccounts>();
        if (accounts.FindByHandle(brand) is not { Role: Roles.Brand })
        {
            return; // the request is meant to be refused for its caller
        }

        foreach (var streamId in streamIds.Distinct(StringComparer.Ordinal))
        {
            using var response = await node.Http.GetAsync($"/api/streams/{Uri.EscapeDataString(streamId)}");
            if (!response.IsSuccessStatusCode)
            {
                continue; // the request is meant to fail on its stream
            }

            var stream = await LiveApi.ReadAsync<StreamDto>(response);
            var existing = (await ListAsync(node, brand)).FirstOrDefault(p => p.HostId == stream.HostId);
            if (existing is not { Status: PartnershipStatus.Accepted } && await accounts.FindAsync(stream.HostId) is { Role: Roles.Host })
            {
                await PartnerAsync(node, brand, stream.HostId);
            }
        }
    }

    /// <summary>Parallel fixtures may propose the same terms at once: a lost accept race still leaves it accepted.</summary>
    private static async Task<PartnershipDto> AcceptOrSeeAcceptedAsync(TestNode node, PartnershipDto proposed)
    {
        var host = node.Get<DemoAccounts>().All.First(a => a.Id == proposed.HostId).Handle;
        using var response = await AcceptAsync(node, host, proposed.BrandId);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var current = (await ListAsync(node, host)).First(p => p.BrandId == proposed.BrandId);
            Assert.Equal(PartnershipStatus.Accepted, current.Status);
            return current;
        }

        return await LiveApi.ReadAsync<PartnershipDto>(response);
    }
}
