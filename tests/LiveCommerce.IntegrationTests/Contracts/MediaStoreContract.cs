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
        Assert.Null(await store.OpenAsync(name + "/x.gz"));
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
