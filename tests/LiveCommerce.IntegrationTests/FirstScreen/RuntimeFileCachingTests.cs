using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using LiveCommerce.TestKit;
using Microsoft.Extensions.Hosting;

namespace LiveCommerce.IntegrationTests.FirstScreen;

/// <summary>
/// The runtime's files asked for by their content hash are cached for good, and only under their own hash: a
/// made-up or outdated hash (an old node in a rolling deploy) must not put a file in anyone's cache for a year.
/// </summary>
public sealed partial class RuntimeFileCachingTests
{
    [Fact]
    public async Task A_runtime_file_asked_for_by_its_own_hash_is_immutable_and_by_any_other_hash_is_revalidated()
    {
        await using var node = await TestNode.StartAsync(null, "cache-" + Guid.NewGuid().ToString("N")[..8], environment: Environments.Production);

        // The hash the app itself will ask with: the boot config in dotnet.js.
        var boot = await node.Http.GetStringAsync("/_framework/dotnet.js");
        var hash = CoreLibHash().Match(boot) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no hash for CoreLib in dotnet.js");

        foreach (var encoding in new[] { "br", "gzip", "identity" })
        {
            Assert.Equal("public, max-age=31536000, immutable", await CacheControlAsync(node, $"?v={Uri.EscapeDataString(hash)}", encoding));
            Assert.Equal("no-cache", await CacheControlAsync(node, $"?v={Uri.EscapeDataString("sha256-" + Convert.ToBase64String(new byte[32]))}", encoding));
            Assert.Equal("no-cache", await CacheControlAsync(node, "", encoding));
        }

        // The boot config itself always comes back to the server: it is what names the current hashes.
        using var dotnet = await node.Http.GetAsync($"/_framework/dotnet.js?v={Uri.EscapeDataString(hash)}");
        Assert.Equal("no-cache", dotnet.Headers.CacheControl?.ToString());
    }

    private static async Task<string?> CacheControlAsync(TestNode node, string query, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_framework/System.Private.CoreLib.wasm" + query);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await node.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.CacheControl?.ToString();
    }

    [GeneratedRegex("\"name\": \"System\\.Private\\.CoreLib\\.wasm\",\\s*\"hash\": \"(sha256-[^\"]+)\"")]
    private static partial Regex CoreLibHash();
}
