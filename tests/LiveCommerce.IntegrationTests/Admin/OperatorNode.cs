using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCommerce.Contracts;
using LiveCommerce.IntegrationTests.Security;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Admin;

/// <summary>
/// One node on the shared Redis with accounts as production keeps them (its own PostgreSQL database,
/// every caller a real account signed in with its password, the admin by configuration), and
/// suspensions read from the database every 200 ms.
/// </summary>
public sealed class OperatorNode : IAsyncLifetime
{
    private readonly string _media = Directory.CreateTempSubdirectory("lc-operator-media-").FullName;

    public TestNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = AuthorizationMatrixTests.MatrixNode.Unlimited(_media);
        settings["Admin:SuspensionRefresh"] = "00:00:00.200";
        Node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), SharedRedis.UniquePrefix(), await AuthorizationMatrixTests.MatrixNode.RealAccountsAsync(settings));
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Directory.Delete(_media, recursive: true);
    }

    /// <summary>A client of its own (callers dispose it): anonymous, or signed in as the demo account.</summary>
    public async Task<HttpClient> AsAsync(string? handle) => handle is null ? new HttpClient { BaseAddress = Node.Address } : Node.Authorized(await Node.TokenAsync(handle));

    public static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    public static async Task<string?> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.TryGetProperty("fields", out var fields) && fields.TryGetProperty(field, out var message) ? message.GetString() : null;
    }

    /// <summary>The admin's view of the audit log under a filter (query string without the <c>?</c>).</summary>
    public static async Task<AuditPage> AuditAsync(TestNode node, string query)
    {
        using var admin = node.Authorized(await node.TokenAsync("admin"));
        using var response = await admin.GetAsync("/api/audit?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AuditPage>(LiveApi.Json))!;
    }
}
