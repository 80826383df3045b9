using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Media;
using LiveCommerce.Server.Infrastructure.Blob;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.TestKit;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>What every <see cref="IMediaStore"/> must do; run against real Azurite and the local folder.</summary>
public abstract class MediaStoreContract
{
    protected const long Limit = 64 * 1024;

    protected abstract Task<IMediaStore> CreateAsync();

    public static byte[] Png(int size)
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var bytes = new byte[Math.Max(size, png.Length)];
        Random.Shared.NextBytes(bytes);
        png.CopyTo(bytes, 0);
        return bytes;
    }

    [Fact]
    public async Task Uploaded_image_reads_back_identical_under_a_generated_name_and_delete_removes_it()
    {
        var store = await CreateAsync();
        var bytes = Png(40_000);
        var name = await store.SaveImageAsync("products/p-1", new MemoryStream(bytes));
        Assert.Matches(new Regex("^products/p-1/[0-9a-f]{24}\\.png$"), name);

        using (var read = await store.OpenAsync(name))
        {
            Assert.NotNull(read);
            Assert.Equal("image/png", read.ContentType);
            Assert.Equal(bytes.Length, read.Length);
            using var copy = new MemoryStream();
            await read.Content.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
            Assert.False(string.IsNullOrEmpty(read.ETag));
        }

        Assert.NotEqual(name, await store.SaveImageAsync("products/p-1", new MemoryStream(bytes)));
        Assert.True(await store.DeleteAsync(name));
        Assert.Null(await store.OpenAsync(name));
        Assert.False(await store.DeleteAsync(name));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "jpg", "image/jpeg")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 1, 0 }, "gif", "image/gif")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 4, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P', (byte)'V', (byte)'P' }, "webp", "image/webp")]
    public async Task Images_are_recognized_by_content(byte[] header, string extension, string contentType)
    {
        var store = await CreateAsync();
        var name = await store.SaveImageAsync("streams/s-1", new MemoryStream(header));
        Assert.EndsWith("." + extension, name, StringComparison.Ordinal);
        using var read = await store.OpenAsync(name);
        Assert.Equal(contentType, read!.ContentType);
    }

    [Theory]
    [InlineData("hello, not an image")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("")]
    public async Task A_non_image_is_refused(string content)
    {
        var store = await CreateAsync();
        var e = await Assert.ThrowsAsync<AppException>(() => store.SaveImageAsync("products/p-2", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content))));
        Assert.Equal(ErrorCodes.MediaNotImage, e.Code);
    }

    [Fact]
    public async Task An_oversized_image_is_refused_and_one_at_the_limit_is_kept()
    {
        var store = await CreateAsync();
        var e = await Assert.ThrowsAsync<AppException>(() => store.SaveImageAsync("products/p-3", new MemoryStream(Png((int)Limit + 1))));
        Assert.Equal(ErrorCodes.MediaTooLarge, e.Code);
        var name = await store.SaveImageAsync("products/p-3", new MemoryStream(Png((int)Limit)));
        using var read = await store.OpenAsync(name);
        Assert.Equal(Limit, read!.Length);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("products/../../etc")]
    [InlineData("/abs/path")]
    [InlineData("products\\p-1")]
    [InlineData("products//p-1")]
    [InlineData("products/.hidden")]
    [InlineData("products/p 1")]
    [InlineData("")]
    public async Task Path_like_names_are_refused(string name)
    {
        var store = await CreateAsync();
        var e = await Assert.ThrowsAsync<AppException>(() => store.SaveImageAsync(name, new MemoryStream(Png(100))));
        Assert.Equal(ErrorCodes.MediaInvalidName, e.Code);
        var raw = await Assert.ThrowsAsync<AppException>(() => store.SaveAsync(name + "/x.gz", new byte[] { 1 }, "application/gzip"));
        Assert.Equal(ErrorCodes.MediaInvalidName, raw.Code);
        var file = await Assert.ThrowsAsync<AppException>(() => store.SaveFileAsync(name + "/x.mp4", new MemoryStream([1]), "video/mp4"));
        Assert.Equal(ErrorCodes.MediaInvalidName, file.Code);
        Assert.Null(await store.OpenAsync(name + "/x.gz"));
        Assert.Null(await store.OpenSeekableAsync(name + "/x.mp4"));
    }

    [Fact]
    public async Task Server_content_is_stored_under_its_name_and_replaced_on_save()
    {
        var store = await CreateAsync();
        var name = $"replays/s-{Guid.NewGuid():N}.jsonl.gz";
        await store.SaveAsync(name, new byte[] { 1, 2, 3 }, "application/gzip");
        await store.SaveAsync(name, new byte[] { 4, 5 }, "application/gzip");
        using var read = await store.OpenAsync(name);
        using var copy = new MemoryStream();
        await read!.Content.CopyToAsync(copy);
        Assert.Equal(new byte[] { 4, 5 }, copy.ToArray());
        Assert.Equal("application/gzip", read.ContentType);
    }

    [Fact]
    public async Task A_file_saved_from_a_stream_of_unknown_length_reads_back_identical_and_seeks()
    {
        var store = await CreateAsync();
        var name = $"replays/s-{Guid.NewGuid():N}.mp4";
        // Bigger than a Blob block, from a stream that cannot seek or tell its length (as a pipe would).
        var bytes = new byte[(9 * 1024 * 1024) + 123];
        Random.Shared.NextBytes(bytes);
        await store.SaveFileAsync(name, new ForwardOnly(bytes, failAfter: null), "video/mp4");

        using (var read = await store.OpenAsync(name))
        {
            Assert.Equal("video/mp4", read!.ContentType);
            Assert.Equal(bytes.Length, read.Length);
            using var copy = new MemoryStream();
            await read.Content.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }

        using var seekable = await store.OpenSeekableAsync(name);
        Assert.NotNull(seekable);
        Assert.True(seekable.Content.CanSeek);
        Assert.Equal(bytes.Length, seekable.Length);
        Assert.Equal(bytes.Length, seekable.Content.Length);
        Assert.Equal("video/mp4", seekable.ContentType);
        Assert.False(string.IsNullOrEmpty(seekable.ETag));
        foreach (var at in new[] { 7_000_000, 10, bytes.Length - 500 })
        {
            seekable.Content.Seek(at, SeekOrigin.Begin);
            var range = new byte[500];
            await seekable.Content.ReadExactlyAsync(range);
            Assert.Equal(bytes.AsSpan(at, 500).ToArray(), range);
        }

        Assert.Null(await store.OpenSeekableAsync($"replays/s-{Guid.NewGuid():N}.mp4"));
    }

    [Fact]
    public async Task A_streamed_save_that_fails_midway_leaves_the_previous_object_whole()
    {
        var store = await CreateAsync();
        var name = $"replays/s-{Guid.NewGuid():N}.mp4";
        var before = new byte[] { 1, 2, 3 };
        await store.SaveFileAsync(name, new MemoryStream(before), "video/mp4");

        var bytes = new byte[10 * 1024 * 1024];
        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveFileAsync(name, new ForwardOnly(bytes, failAfter: 6 * 1024 * 1024), "video/mp4"));

        using var read = await store.OpenAsync(name);
        using var copy = new MemoryStream();
        await read!.Content.CopyToAsync(copy);
        Assert.Equal(before, copy.ToArray());
    }

    /// <summary>Reads forward only, length unknown; optionally breaks (a disk error) after some bytes.</summary>
    private sealed class ForwardOnly(byte[] bytes, int? failAfter) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAfter)
            {
                throw new IOException("The recording could not be read.");
            }

            var n = Math.Min(count, bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class LocalMediaStoreTests : MediaStoreContract
{
    protected override Task<IMediaStore> CreateAsync() =>
        Task.FromResult<IMediaStore>(new LocalMediaStore(Directory.CreateTempSubdirectory("lc-media-").FullName, Limit));
}

public sealed class BlobMediaStoreTests : MediaStoreContract
{
    protected override async Task<IMediaStore> CreateAsync() =>
        new BlobMediaStore(await AzuriteServer.ConnectionStringAsync(), AzuriteServer.UniqueContainer(), Limit);
}
