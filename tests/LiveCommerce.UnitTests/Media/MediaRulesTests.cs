using LiveCommerce.Server.Features.Media;

namespace LiveCommerce.UnitTests.Media;

public sealed class MediaRulesTests
{
    [Theory]
    [InlineData("products/p-1/abc.png", true)]
    [InlineData("replays/s-1.jsonl.gz", true)]
    [InlineData("../x", false)]
    [InlineData("a/../b", false)]
    [InlineData("/a", false)]
    [InlineData("a/", false)]
    [InlineData("a\\b", false)]
    [InlineData("a/.env", false)]
    [InlineData("a/b c", false)]
    [InlineData("a/%2e%2e", false)]
    [InlineData("a/ü.png", false)]
    public void Only_plain_relative_names_are_safe(string name, bool safe) => Assert.Equal(safe, MediaRules.IsSafeName(name));

    [Fact]
    public void Sniffs_by_content_not_by_name()
    {
        Assert.Equal(ImageKind.Png, MediaRules.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]));
        Assert.Equal(ImageKind.Jpeg, MediaRules.Sniff([0xFF, 0xD8, 0xFF, 0xDB]));
        Assert.Equal(ImageKind.Gif, MediaRules.Sniff("GIF87a.."u8));
        Assert.Equal(ImageKind.WebP, MediaRules.Sniff("RIFF\0\0\0\0WEBPVP8 "u8));
        Assert.Null(MediaRules.Sniff("RIFF\0\0\0\0WAVEfmt "u8));
        Assert.Null(MediaRules.Sniff("<svg/>"u8));
        Assert.Null(MediaRules.Sniff([]));
    }
}
