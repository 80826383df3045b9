using LiveCommerce.Contracts;
using LiveCommerce.Server.Features.Comments;

namespace LiveCommerce.UnitTests.Comments;

public sealed class CommentNormalizerTests
{
    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("  padded  ", "padded")]
    [InlineData("many   spaces\there", "many spaces here")]
    [InlineData("line\r\nbreak", "line break")]
    [InlineData("bell\u0007and\u0000nul", "bellandnul")]
    [InlineData("right\u202Eto-left", "rightto-left")]
    [InlineData("isolate\u2066d\u2069", "isolated")]
    [InlineData("zero\u200Bwidth\uFEFF", "zerowidth")]
    [InlineData("e\u0301", "\u00E9")] // NFC: e + combining acute becomes é
    [InlineData("<script>alert(1)</script>", "<script>alert(1)</script>")] // literal text; clients never render HTML
    [InlineData("family 👨\u200D👩\u200D👧", "family 👨\u200D👩\u200D👧")] // a joiner inside an emoji sequence stays
    [InlineData("a\u200Db", "ab")] // but not between letters
    [InlineData("private\uE000use", "privateuse")]
    public void Normalizes(string raw, string expected)
    {
        var result = CommentNormalizer.Normalize(raw);
        Assert.Null(result.ErrorCode);
        Assert.Equal(expected, result.Text);
    }

    [Fact]
    public void Lone_surrogates_are_dropped() =>
        Assert.Equal("lone surrogate", CommentNormalizer.Normalize("lone " + (char)0xD800 + " surrogate" + (char)0xDC00).Text);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\u200B\u202E")]
    [InlineData("\u0000\u0001\u0002")]
    public void Empty_after_normalization_is_refused(string? raw) =>
        Assert.Equal(ErrorCodes.CommentEmpty, CommentNormalizer.Normalize(raw).ErrorCode);

    [Fact]
    public void Length_is_counted_after_normalization_in_user_perceived_characters()
    {
        Assert.True(CommentNormalizer.Normalize(new string('a', 200)).IsValid);
        Assert.Equal(ErrorCodes.CommentTooLong, CommentNormalizer.Normalize(new string('a', 201)).ErrorCode);

        // 200 emoji are 400 UTF-16 units but 200 characters.
        Assert.True(CommentNormalizer.Normalize(string.Concat(Enumerable.Repeat("😀", 200))).IsValid);

        // Invisible padding does not count: it is removed first.
        Assert.True(CommentNormalizer.Normalize(new string('a', 200) + new string('\u200B', 300)).IsValid);

        // 200 decomposed é (400 units) are 200 characters after NFC.
        Assert.True(CommentNormalizer.Normalize(string.Concat(Enumerable.Repeat("e\u0301", 200))).IsValid);
    }

    [Fact]
    public void Oversized_raw_input_and_combining_mark_floods_are_refused_without_work()
    {
        Assert.Equal(ErrorCodes.CommentTooLong, CommentNormalizer.Normalize(new string('a', 32_000)).ErrorCode);
        Assert.Equal(ErrorCodes.CommentTooLong, CommentNormalizer.Normalize(new string('\u200B', 32_000)).ErrorCode);
        var zalgo = string.Concat(Enumerable.Repeat("a" + new string('\u0301', 20), 50)); // 50 characters, 1050 units
        Assert.Equal(ErrorCodes.CommentTooLong, CommentNormalizer.Normalize(zalgo).ErrorCode);
    }
}
