using LiveCommerce.Server.Operations;

namespace LiveCommerce.UnitTests.Operations;

/// <summary>A mistyped proxy address must stop the node at start, not silently trust nobody (or everybody).</summary>
public sealed class ForwardedHeadersSettingsTests
{
    [Fact]
    public void Addresses_and_cidr_networks_are_accepted()
    {
        var settings = new ForwardedHeadersSettings { KnownProxies = ["10.0.0.5", "::1"], KnownNetworks = ["10.244.0.0/16", "fd00::/8"] };
        Assert.Empty(settings.Errors());
        Assert.True(settings.TrustsAnyProxy);
    }

    [Fact]
    public void Nothing_listed_trusts_no_one()
    {
        var settings = new ForwardedHeadersSettings();
        Assert.Empty(settings.Errors());
        Assert.False(settings.TrustsAnyProxy);
    }

    [Theory]
    [InlineData("nginx", null)]
    [InlineData("10.0.0.0/8", null)]
    [InlineData(null, "10.0.0.5/33")]
    [InlineData(null, "ingress")]
    public void Anything_else_is_refused_with_the_key_that_holds_it(string? proxy, string? network)
    {
        var settings = new ForwardedHeadersSettings { KnownProxies = proxy is null ? [] : [proxy], KnownNetworks = network is null ? [] : [network] };
        var error = Assert.Single(settings.Errors());
        Assert.Contains(proxy is null ? "ForwardedHeaders:KnownNetworks" : "ForwardedHeaders:KnownProxies", error, StringComparison.Ordinal);
    }
}
