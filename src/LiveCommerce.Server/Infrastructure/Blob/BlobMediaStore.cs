using Azure;
using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Media;

namespace LiveCommerce.Server.Infrastructure.Blob;

/// <summary>
/// Media in Azure Blob Storage. The container is private: everything is served through the server.
/// When the storage does not answer, calls fail fast (two quick retries) with 503
/// <c>media_unavailable</c> instead of hanging the request or answering 500.
/// </summary>
public sealed class BlobMediaStore(string connectionString, string containerName, long maxImageBytes) : IMediaStore
{
    /// <summary>The block size of streamed uploads: with two in flight, what an upload holds in memory at most.</summary>
    private const int BlockBytes = 4 * 1024 * 1024;

    private readonly BlobContainerClient _container = new(connectionString, containerName, ClientOptions());

    /// <summary>Fail within a few seconds when storage is down; the SDK's default retries take half a minute.</summary>
    public static BlobClientOptions ClientOptions() => new()
    {
        Retry = { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1), Mode = RetryMode.Exponential, NetworkTimeout = TimeSpan.FromSeconds(10) },
    };
    private volatile bool _exists;

    public async Task<string> SaveImageAsync(string folder, Stream content, CancellationToken ct = default)
    {
        MediaRules.RequireSafeName(folder);
        var (bytes, kind) = await MediaRules.ReadImageAsync(content, maxImageBytes, ct);
        var name = MediaRules.NewImageName(folder, kind);
        await Guard(() => UploadAsync(name, bytes, MediaRules.Describe(kind).ContentType, ct));
        return name;
    }

    public Task SaveAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct = default)
    {
        MediaRules.RequireSafeName(name);
        return Guard(() => UploadAsync(name, content, contentType, ct));
    }

    public Task SaveFileAsync(string name, Stream content, string contentType, CancellationToken ct = default)
    {
        MediaRules.RequireSafeName(name);
        return Guard(async () =>
        {
            await EnsureContainerAsync(ct);
            // Uploaded in blocks as the stream is read (two 4 MB blocks in flight at most), committed
            // at the end: a failure leaves the previous blob, never part of a new one.
            await _container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                TransferOptions = new StorageTransferOptions { InitialTransferSize = BlockBytes, MaximumTransferSize = BlockBytes, MaximumConcurrency = 2 },
            }, ct);
        });
    }

    /// <summary>
    /// Properties first (type, length, ETag; null when absent), then a stream that downloads the
    /// ranges it is asked for, pinned to that ETag so a replaced blob is not read half old, half new.
    /// </summary>
    public async Task<MediaObject?> OpenSeekableAsync(string name, CancellationToken ct = default)
    {
        if (!MediaRules.IsSafeName(name))
        {
            return null;
        }

        return await Guard(async () =>
        {
            await EnsureContainerAsync(ct);
            var blob = _container.GetBlobClient(name);
            try
            {
                var properties = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value;
                var content = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false)
                {
                    BufferSize = 1024 * 1024,
                    Conditions = new BlobRequestConditions { IfMatch = properties.ETag },
                }, ct);
                return new MediaObject(content, properties.ContentType ?? "application/octet-stream", properties.ContentLength, properties.ETag.ToString("H"));
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        });
    }

    public async Task<MediaObject?> OpenAsync(string name, CancellationToken ct = default)
    {
        if (!MediaRules.IsSafeName(name))
        {
            return null;
        }

        return await Guard(async () =>
        {
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
        });
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        MediaRules.RequireSafeName(name);
        return await Guard(async () =>
        {
            await EnsureContainerAsync(ct);
            return (await _container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: ct)).Value;
        });
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

    private static async Task Guard(Func<Task> call) => await Guard(async () =>
    {
        await call();
        return true;
    });

    /// <summary>Storage that does not answer (or answers 5xx) becomes one stable refusal.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is RequestFailedException { Status: 0 or >= 500 } or AggregateException or HttpRequestException)
        {
            throw Unavailable();
        }
    }

    private static AppException Unavailable() =>
        new(ErrorCodes.MediaUnavailable, "Media storage is unavailable right now; try again shortly.", StatusCodes.Status503ServiceUnavailable);
}
