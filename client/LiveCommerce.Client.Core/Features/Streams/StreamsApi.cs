using System.Net.Http.Headers;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Streams;

/// <summary>The <c>/api/streams</c> endpoints the client reads.</summary>
public sealed class StreamsApi(ApiClient api)
{
    public Task<IReadOnlyList<StreamDto>> ListAsync(StreamStatus status, int limit = 50, CancellationToken ct = default) =>
        api.GetAsync<IReadOnlyList<StreamDto>>($"/api/streams?status={status.ToString().ToLowerInvariant()}&limit={limit}", ct);

    /// <summary>The signed-in host's own streams, every status (cancelled too), latest start first.</summary>
    public Task<IReadOnlyList<StreamDto>> MineAsync(CancellationToken ct = default) =>
        api.GetAsync<IReadOnlyList<StreamDto>>("/api/streams/mine", ct);

    public Task<StreamDto> ScheduleAsync(ScheduleStreamRequest request) => api.PostAsync<StreamDto>("/api/streams", request);

    public Task<StreamDto> UpdateAsync(string streamId, ScheduleStreamRequest request) =>
        api.PutAsync<StreamDto>($"/api/streams/{Uri.EscapeDataString(streamId)}", request);

    public Task<StreamDto> CancelAsync(string streamId) =>
        api.PostAsync<StreamDto>($"/api/streams/{Uri.EscapeDataString(streamId)}/cancel", null);

    /// <summary>Uploads the cover (multipart); the server checks the bytes, not the name or type.</summary>
    public Task<StreamDto> UploadCoverAsync(string streamId, byte[] content, string fileName, string contentType)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return api.PostContentAsync<StreamDto>($"/api/streams/{Uri.EscapeDataString(streamId)}/cover", form);
    }

    /// <summary>One stream, or null when it does not exist.</summary>
    public Task<StreamDto?> GetAsync(string streamId, CancellationToken ct = default) =>
        api.GetOrDefaultAsync<StreamDto>($"/api/streams/{Uri.EscapeDataString(streamId)}", ct);
}
