using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LiveCommerce.Server.Features.Media;

namespace LiveCommerce.Server.Infrastructure.Blob;

/// <summary>Media in Azure Blob Storage. The container is private: everything is served through the server.</summary>
public sealed class BlobMediaStore(string connectionString, string containerName, long maxImageBytes) : IMediaStore
{
    private readonly BlobContainerClient _container = new(connectionString, containerName);
    private volatile bool _exists;

    public async Task<string> SaveImageAsync(string folder, Stream content, CancellationToken ct = default)
    {
        MediaRules.RequireSafeName(folder);
        var (bytes, kind) = await MediaRules.ReadImageAsync(content, maxImageBytes, ct);
        var name = MediaRules.NewImageName(folder, kind);
        await UploadAsync(name, bytes, MediaRules.Describe(kind).ContentType, ct);
        return name;
    }

    public Task SaveAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct = default)
    {
        MediaRules.RequireSafeName(name);
        return UploadAsync(name, content, contentType, ct);
    }

    public async Task<MediaObject?> OpenAsync(string name, CancellationToken ct = default)
    {
        if (!MediaRules.IsSafeName(name))
        {
            return null;
        }

        await EnsureContainerAsync(ct);
        try
        {
            var result = await _container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: ct);
            var details = result.Value.Details;
            return new MediaObject(result.Value.Content, details.ContentType ?? "application/octet-stream", details.ContentLength, details.ETag.ToString("H"));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        MediaRules.RequireSafeName(name);
        await EnsureContainerAsync(ct);
        return (await _container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: ct)).Value;
    }

    /// <summary>Creates the private container on first use; a failure is retried on the next call, not cached.</summary>
    private async Task EnsureContainerAsync(CancellationToken ct)
    {
        if (!_exists)
        {
            await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: ct);
            _exists = true;
        }
    }

    private async Task UploadAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct)
    {
        await EnsureContainerAsync(ct);
        await _container.GetBlobClient(name).UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType, CacheControl = "public, max-age=31536000, immutable" } },
            ct);
    }
}
