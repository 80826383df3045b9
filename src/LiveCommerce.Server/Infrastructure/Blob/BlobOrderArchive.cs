using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Orders;

namespace LiveCommerce.Server.Infrastructure.Blob;

/// <summary>
/// The day's orders as one JSON-lines blob <c>order-archive/orders-YYYY-MM-DD.jsonl</c> in the media
/// container (private: <c>/media</c> refuses the folder). Uploaded whole with overwrite, so a re-run is harmless.
/// </summary>
public sealed class BlobOrderArchive(string connectionString, string containerName) : IOrderArchive
{
    public const string Folder = "order-archive";

    private readonly BlobContainerClient _container = new(connectionString, containerName);

    public async Task WriteDayAsync(DateOnly day, IReadOnlyList<OrderDto> orders, CancellationToken ct = default)
    {
        await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: ct);
        var text = new StringBuilder();
        foreach (var order in orders)
        {
            text.Append(StoredJson.Write(order)).Append('\n');
        }

        await _container.GetBlobClient($"{Folder}/orders-{day:yyyy-MM-dd}.jsonl").UploadAsync(
            BinaryData.FromString(text.ToString()),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } }, ct);
    }
}
