using System.Security.Cryptography;
using LiveCommerce.Server.Features.Media;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>Media in a local folder, for `dotnet run` with nothing installed. Same rules as Blob.</summary>
public sealed class LocalMediaStore(string root, long maxImageBytes) : IMediaStore
{
    private readonly string _root = Path.GetFullPath(root);

    public async Task<string> SaveImageAsync(string folder, Stream content, CancellationToken ct = default)
    {
        MediaRules.RequireSafeName(folder);
        var (bytes, kind) = await MediaRules.ReadImageAsync(content, maxImageBytes, ct);
        var name = MediaRules.NewImageName(folder, kind);
        await WriteAsync(name, bytes, ct);
        return name;
    }

    public Task SaveAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct = default)
    {
        MediaRules.RequireSafeName(name);
        return WriteAsync(name, content, ct);
    }

    public async Task SaveFileAsync(string name, Stream content, string contentType, CancellationToken ct = default)
    {
        MediaRules.RequireSafeName(name);
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + ".tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, ct);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp); // gone after the move; after a failure, no half file is left behind
        }
    }

    /// <summary>Files seek anyway.</summary>
    public Task<MediaObject?> OpenSeekableAsync(string name, CancellationToken ct = default) => OpenAsync(name, ct);

    public Task<MediaObject?> OpenAsync(string name, CancellationToken ct = default)
    {
        if (!MediaRules.IsSafeName(name) || !File.Exists(PathOf(name)))
        {
            return Task.FromResult<MediaObject?>(null);
        }

        try
        {
            var file = new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
            var info = new FileInfo(PathOf(name));
            var etag = $"\"{info.LastWriteTimeUtc.Ticks:x}-{info.Length:x}\"";
            return Task.FromResult<MediaObject?>(new MediaObject(file, ContentTypeOf(name), file.Length, etag));
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<MediaObject?>(null);
        }
    }

    public Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        MediaRules.RequireSafeName(name);
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    /// <summary>Safe names cannot escape the root; checked again here as defence in depth.</summary>
    private string PathOf(string name)
    {
        var path = Path.GetFullPath(Path.Combine(_root, name));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException("Media path escapes the root.");
    }

    private async Task WriteAsync(string name, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write then rename, so a reader never sees half a file.
        var temp = path + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes, ct);
        File.Move(temp, path, overwrite: true);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".jpg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        ".gz" => "application/gzip",
        ".mp4" => "video/mp4",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
