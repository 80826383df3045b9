using System.Globalization;
using LiveCommerce.Client.Features.Shopping;
using LiveCommerce.Client.Localization;

namespace LiveCommerce.Client.Tests;

public sealed class CulturePreferenceTests
{
    [Theory]
    [InlineData(null, "en-US", "en-US")]
    [InlineData(null, "en-GB", "en-GB")]
    [InlineData(null, "es-MX", "es-MX")]
    [InlineData(null, "zh-TW", "zh-CN")]   // Simplified Chinese is what we have
    [InlineData(null, "fr-FR", "en-US")]   // not translated: English
    [InlineData("es", "en-US", "es-ES")]   // the picked language wins
    [InlineData("es", "es-AR", "es-AR")]   // ... keeping the browser's region when it speaks it
    [InlineData("zh", "en-US", "zh-CN")]
    [InlineData("xx", "es-ES", "es-ES")]   // a stored value we do not know is ignored
    public void The_app_runs_in_the_picked_language_else_the_browsers(string? stored, string browser, string expected) =>
        Assert.Equal(expected, CulturePreference.Resolve(stored, CultureInfo.GetCultureInfo(browser)).Name);

    [Theory]
    [InlineData("en-US", "USD")]
    [InlineData("es-ES", "EUR")]
    [InlineData("ja-JP", "JPY")]
    [InlineData("zh-CN", "CNY")]
    [InlineData("es", "USD")]
    public void The_default_currency_is_the_cultures_regions(string culture, string expected) =>
        Assert.Equal(expected, CurrencyPreference.FromCulture(CultureInfo.GetCultureInfo(culture)));
}
