using System.IO.Compression;
using System.Net.Http.Json;
using LiveCommerce.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ConsoleTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_brand_uploads_a_product_image_and_it_shows_in_the_catalog()
    {
        await using var context = await fx.ContextAsync("glow", wide: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("console");
        var product = page.Locator("[data-testid=product][data-product-id=p-glow-3]");
        var images = product.GetByTestId("product-image");
        var before = await fx.Node.Http.GetFromJsonAsync<ProductDto>("/api/products/p-glow-3");
        await Expect(images).ToHaveCountAsync(before!.ImageUrls.Count);

        await product.GetByTestId("image-upload").SetInputFilesAsync(new FilePayload
        {
            Name = "swatch.png",
            MimeType = "image/png",
            Buffer = Png(48, 32, 0xC8, 0x10, 0x2E),
        });

        await Expect(images).ToHaveCountAsync(before.ImageUrls.Count + 1);
        var uploaded = images.Last;
        var src = await uploaded.GetAttributeAsync("src");
        Assert.StartsWith("/media/products/p-glow-3/", new Uri(src!, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(src!).AbsolutePath : src);

        // The browser really loaded the stored bytes (from Azurite, through /media); thumbnails load lazily, when in view.
        await uploaded.ScrollIntoViewIfNeededAsync();
        await Expect(uploaded).ToHaveJSPropertyAsync("naturalWidth", 48);

        // And the catalog serves it to everyone.
        var after = await fx.Node.Http.GetFromJsonAsync<ProductDto>("/api/products/p-glow-3");
        Assert.Equal(src, after!.ImageUrls[^1]);

        await fx.ScreenshotAsync(page, "console");
    }

    /// <summary>A solid-colour PNG made here, so the test needs no files.</summary>
    private static byte[] Png(int width, int height, byte r, byte g, byte b)
    {
        var raw = new byte[height * ((width * 3) + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = y * ((width * 3) + 1);
            for (var x = 0; x < width; x++)
            {
                raw[row + 1 + (x * 3)] = r;
                raw[row + 2 + (x * 3)] = g;
                raw[row + 3 + (x * 3)] = b;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(raw);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
