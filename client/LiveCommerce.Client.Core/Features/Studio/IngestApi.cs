using LiveCommerce.Client.Auth;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Studio;

/// <summary>The studio's ingest calls (docs/API.md "Video ingest"): the encoder settings, the key's rotation, the camera socket.</summary>
public sealed class IngestApi(ApiClient api, AuthSession auth, ApiOrigin origin)
{
    public Task<IngestDto> GetAsync(string streamId, CancellationToken ct = default) =>
        api.GetAsync<IngestDto>($"/api/streams/{Uri.EscapeDataString(streamId)}/ingest", ct);

    public Task<IngestDto> RotateAsync(string streamId, CancellationToken ct = default) =>
        api.PostAsync<IngestDto>($"/api/streams/{Uri.EscapeDataString(streamId)}/ingest/rotate", null, ct);

    /// <summary>
    /// The camera socket's address. Browsers cannot set headers on a WebSocket, so the (fresh) access
    /// token goes in the query, as for the hub; the server keeps that URL out of its logs.
    /// </summary>
    public async Task<string> BrowserSocketUrlAsync(string streamId, CancellationToken ct = default)
    {
        var token = await auth.GetTokenAsync(ct);
        var url = new UriBuilder(origin.Resolve($"api/streams/{Uri.EscapeDataString(streamId)}/ingest/browser"))
        {
            Query = "access_token=" + Uri.EscapeDataString(token),
        };
        url.Scheme = url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        return url.Uri.ToString();
    }
}
