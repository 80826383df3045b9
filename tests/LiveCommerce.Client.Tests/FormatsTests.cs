using System.Globalization;
using LiveCommerce.Client.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace LiveCommerce.Client.Tests;

public sealed class FormatsTests
{
    [Theory]
    [InlineData("en-US", 24.99, "USD", "$24.99")]
    [InlineData("en-US", 1234.5, "USD", "$1,234.50")]
    [InlineData("en-US", 3750, "JPY", "JP¥3,750")]
    [InlineData("en-US", 1.234, "KWD", "KWD\u00a01.234")]
    [InlineData("es-ES", 24.99, "USD", "24,99 US$")]
    [InlineData("es-ES", 1234.5, "EUR", "1.234,50 €")]
    [InlineData("zh-CN", 24.99, "USD", "US$24.99")]
    [InlineData("zh-CN", 88, "CNY", "¥88.00")]
    public void Money_is_written_the_way_the_culture_writes_it(string culture, double amount, string currency, string expected) =>
        Assert.Equal(expected, Formats.Money((decimal)amount, currency, CultureInfo.GetCultureInfo(culture)));

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(0.2, "0:00")]
    [InlineData(0.6, "0:01")]
    [InlineData(60.04, "1:00")]
    [InlineData(59.9, "1:00")]
    [InlineData(61, "1:01")]
    [InlineData(3600, "1:00:00")]
    [InlineData(3725, "1:02:05")]
    [InlineData(-5, "0:00")]
    public void Countdown_rounds_to_the_second_and_never_goes_negative(double seconds, string expected) =>
        Assert.Equal(expected, Formats.Countdown(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("en-US", 12_345, "12.3K")]
    [InlineData("es-ES", 12_345, "12,3K")]
    [InlineData("en-US", 9_876, "9,876")]
    public void Viewer_counts_follow_the_culture(string culture, int viewers, string expected) =>
        Assert.Equal(expected, Formats.ViewerCount(viewers, CultureInfo.GetCultureInfo(culture)));

    [Theory]
    [InlineData("en-US", "0.125", "12.5%")]
    [InlineData("es-ES", "0.3333", "33,3 %")]
    [InlineData("zh-CN", "1", "100.0%")]
    [InlineData("en-US", null, "—")]
    public void Conversion_reads_as_a_percentage_in_the_ui_culture(string culture, string? fraction, string expected) =>
        Assert.Equal(expected, Formats.Percent(fraction is null ? null : decimal.Parse(fraction, CultureInfo.InvariantCulture), CultureInfo.GetCultureInfo(culture)));

    [Theory]
    [InlineData("en-US", 5, "in 5 min")]
    [InlineData("es-ES", 5, "en 5 min")]
    [InlineData("zh-CN", 5, "5 分钟后")]
    [InlineData("es-ES", 130, "en 2 h 10 min")]
    [InlineData("zh-CN", 0.5, "即将开始")]
    public void Time_until_a_start_reads_in_the_ui_language(string culture, double minutes, string expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var services = new ServiceCollection();
            services.AddLogging().AddLocalization(o => o.ResourcesPath = "Resources");
            using var provider = services.BuildServiceProvider();
            var l = provider.GetRequiredService<IStringLocalizer<Strings>>();
            var now = Samples.T0;
            Assert.Equal(expected, Formats.Until(now.AddMinutes(minutes), now, l));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
