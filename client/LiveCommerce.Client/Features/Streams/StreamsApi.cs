using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Streams;

/// <summary>The <c>/api/streams</c> endpoints the client reads.</summary>
public sealed class StreamsApi(ApiClient api)
{
    public Task<IReadOnlyList<StreamDto>> ListAsync(StreamStatus status, int limit = 50, CancellationToken ct = default) =>
        api.GetAsync<IReadOnlyList<StreamDto>>($"/api/streams?status={status.ToString().ToLowerInvariant()}&limit={limit}", ct);

    /// <summary>One stream, or null when it does not exist.</summary>
    public Task<StreamDto?> GetAsync(string streamId, CancellationToken ct = default) =>
        api.GetOrDefaultAsync<StreamDto>($"/api/streams/{Uri.EscapeDataString(streamId)}", ct);
}
