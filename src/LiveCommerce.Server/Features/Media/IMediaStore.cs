namespace LiveCommerce.Server.Features.Media;

/// <summary>
/// Where media lives: Azure Blob Storage (Azurite in dev and tests), or a local folder when no
/// connection string is set. Both adapters pass MediaStoreContract: images are checked by content
/// and size, names are generated here and never taken from the client.
/// </summary>
public interface IMediaStore
{
    /// <summary>
    /// Validates an uploaded image (by magic bytes, within the size limit) and stores it as
    /// <c>{folder}/{random}.{ext}</c>. Returns the generated name.
    /// </summary>
    Task<string> SaveImageAsync(string folder, Stream content, CancellationToken ct = default);

    /// <summary>Stores server-made content (e.g. a replay) under a server-chosen, validated name; replaces it if present.</summary>
    Task SaveAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct = default);

    /// <summary>
    /// Stores server-made content read from <paramref name="content"/> as it goes (a replay's video can
    /// be hours long: never held in memory whole). Replaces the object only once the whole content is
    /// stored, so a failure leaves the previous object (or none), never half a file.
    /// </summary>
    Task SaveFileAsync(string name, Stream content, string contentType, CancellationToken ct = default);

    /// <summary>The stored object, or null when there is none (or the name is not a valid media name).</summary>
    Task<MediaObject?> OpenAsync(string name, CancellationToken ct = default);

    /// <summary>
    /// Like <see cref="OpenAsync"/>, with a content stream that can seek, so an HTTP Range request
    /// (a player seeking in a video) reads only the bytes asked for. Costs an extra round trip in Blob
    /// storage, so small objects served whole use <see cref="OpenAsync"/>.
    /// </summary>
    Task<MediaObject?> OpenSeekableAsync(string name, CancellationToken ct = default);

    Task<bool> DeleteAsync(string name, CancellationToken ct = default);
}

/// <summary>An open stored object; dispose it to release the content stream.</summary>
public sealed record MediaObject(Stream Content, string ContentType, long Length, string ETag) : IDisposable
{
    public void Dispose() => Content.Dispose();
}
