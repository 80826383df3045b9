using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Console;

/// <summary>The brand's fulfilment queue over HTTP (docs/API.md "Fulfilment and returns").</summary>
public sealed class FulfilmentApi(ApiClient api)
{
    public Task<FulfilmentQueueDto> QueueAsync(string stage, CancellationToken ct = default) =>
        api.GetAsync<FulfilmentQueueDto>($"/api/fulfilment/queue?stage={Uri.EscapeDataString(stage)}", ct);

    public Task<PackingListDto> PackingListAsync(string shipmentId, CancellationToken ct = default) =>
        api.GetAsync<PackingListDto>($"/api/fulfilment/shipments/{Uri.EscapeDataString(shipmentId)}/packing-list", ct);

    public Task<ShipmentDto> PackAsync(string shipmentId) =>
        api.PostAsync<ShipmentDto>($"/api/fulfilment/shipments/{Uri.EscapeDataString(shipmentId)}/pack", null);

    public Task<ShipmentDto> ShipAsync(string shipmentId, ShipRequest request) =>
        api.PostAsync<ShipmentDto>($"/api/fulfilment/shipments/{Uri.EscapeDataString(shipmentId)}/ship", request);

    public Task<ShipmentDto> DeliverAsync(string shipmentId) =>
        api.PostAsync<ShipmentDto>($"/api/fulfilment/shipments/{Uri.EscapeDataString(shipmentId)}/deliver", null);

    public Task<ReturnDto> ApproveAsync(string returnId) =>
        api.PostAsync<ReturnDto>($"/api/returns/{Uri.EscapeDataString(returnId)}/approve", null);

    public Task<ReturnDto> RefuseAsync(string returnId) =>
        api.PostAsync<ReturnDto>($"/api/returns/{Uri.EscapeDataString(returnId)}/refuse", null);

    public Task<byte[]> ExportAsync(CancellationToken ct = default) => api.GetBytesAsync("/api/fulfilment/export.csv", ct);
}
