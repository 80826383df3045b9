using LiveCommerce.TestKit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveCommerce.IntegrationTests.Operations;

/// <summary>
/// A node in Production refuses to start with password-less sign-in on, without a signing key, or with the simulated
/// payment provider (test mode) not explicitly allowed, and says which setting.
/// </summary>
public sealed class ProductionStartupTests
{
    [Theory]
    [InlineData("Auth:EnableDevLogin", "true")]
    [InlineData("Auth:SigningKey", "")]
    [InlineData("Payments:AllowSimulatedInProduction", "false")]
    public async Task A_production_node_refuses_to_start_and_names_the_setting(string key, string value)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var node = await TestNode.StartAsync(null, "prod-" + Guid.NewGuid().ToString("N")[..8],
                new Dictionary<string, string?> { [key] = value }, environment: Environments.Production);
        });
        // The start-up validator may wrap the refusals of several option sets in one AggregateException.
        var reasons = refused is AggregateException all ? all.Flatten().InnerExceptions : [refused];
        Assert.All(reasons, r => Assert.IsType<OptionsValidationException>(r));
        Assert.Contains(reasons, r => r.Message.StartsWith(key + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_settings_are_accepted_in_development()
    {
        await using var node = await TestNode.StartAsync(null, "dev-" + Guid.NewGuid().ToString("N")[..8],
            new Dictionary<string, string?> { ["Auth:EnableDevLogin"] = "true", ["Auth:SigningKey"] = "" });
        var response = await node.Http.GetAsync("/health/ready");
        Assert.True(response.IsSuccessStatusCode);
    }
}
