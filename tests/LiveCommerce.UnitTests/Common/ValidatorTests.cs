using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;

namespace LiveCommerce.UnitTests.Common;

public sealed class ValidatorTests
{
    [Theory]
    [InlineData("https://cdn.example/live/x.m3u8", true)]
    [InlineData("/media/streams/s-1/a.jpg", true)]
    [InlineData("/hls/s-1.m3u8", true)]
    [InlineData("/video/demo/live.m3u8", true)]
    [InlineData("//evil.example/x.m3u8", false)]
    [InlineData("/hls/../api/me", false)]
    [InlineData("/hls/x.m3u8?key=1", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("file:///etc/passwd", false)]
    public void A_url_is_absolute_http_or_a_plain_path_on_this_site(string url, bool valid)
    {
        var v = new Validator().Url("playbackUrl", url);
        if (valid)
        {
            v.ThrowIfInvalid();
        }
        else
        {
            Assert.Equal(ErrorCodes.ValidationFailed, Assert.Throws<AppException>(v.ThrowIfInvalid).Code);
        }
    }

    [Theory]
    [InlineData("Spring skincare live", true)]
    [InlineData("Línea de primavera 春季直播 🌸", true)]
    [InlineData("two\nlines", true)]
    [InlineData("tab\there", false)]
    [InlineData("nul\0byte", false)]
    [InlineData("rtl \u202E override", false)]
    [InlineData("zero\u200Bwidth", false)]
    [InlineData("bom\uFEFF", false)]
    public void Text_refuses_control_and_invisible_formatting(string text, bool ok)
    {
        var v = new Validator().Text("title", text, 100);
        Assert.Equal(ok, v.Errors.Count == 0);
    }

    [Fact]
    public void Text_refuses_a_lone_surrogate()
    {
        // Built at run time: xunit would replace a lone surrogate in InlineData while serializing it.
        var text = "lone " + (char)0xD800 + " surrogate";
        Assert.NotEmpty(new Validator().Text("title", text, 100).Errors);
    }

    [Theory]
    [InlineData("demo-live", true)]
    [InlineData("s-0a1b2c", true)]
    [InlineData("", false)]
    [InlineData("../etc", false)]
    [InlineData("a b", false)]
    [InlineData("<script>", false)]
    public void Ids_are_short_url_safe_tokens(string id, bool ok) => Assert.Equal(ok, TextRules.IsId(id));

    [Fact]
    public void All_problems_are_reported_at_once_with_a_stable_code()
    {
        var v = new Validator().Text("title", "", 10).Url("playbackUrl", "file:///etc/passwd").Text("description", new string('x', 11), 10, required: false);
        var error = Assert.Throws<AppException>(v.ThrowIfInvalid);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(3, v.Errors.Count);
    }

    [Fact]
    public void A_refusal_names_each_field_it_came_from_so_a_form_can_show_it_there()
    {
        var v = new Validator()
            .Text("title", "", 10)
            .Text("title", new string('x', 11), 10)
            .Url("coverUrl", "javascript:alert(1)")
            .Require(false, "Too many products.");

        var refused = Assert.Throws<AppException>(v.ThrowIfInvalid);

        Assert.Equal("title is required.", refused.Fields["title"]);
        Assert.StartsWith("coverUrl must be", refused.Fields["coverUrl"], StringComparison.Ordinal);
        Assert.Equal(2, refused.Fields.Count);
        Assert.Contains("Too many products.", refused.Message, StringComparison.Ordinal);
    }
}
