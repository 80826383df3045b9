using System.Xml.Linq;

namespace LiveCommerce.Client.Tests;

/// <summary>Every UI text has its Spanish and Chinese translation (a missing one would show English).</summary>
public sealed class ResourcesTests
{
    private static HashSet<string> Keys(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "client", "LiveCommerce.Client.Core", "Resources")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var doc = XDocument.Load(Path.Combine(dir.FullName, "client", "LiveCommerce.Client.Core", "Resources", file));
        return [.. doc.Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];
    }

    [Theory]
    [InlineData("Strings.es.resx")]
    [InlineData("Strings.zh-Hans.resx")]
    public void Translations_have_exactly_the_english_keys(string file)
    {
        var english = Keys("Strings.resx");
        var translated = Keys(file);

        Assert.Empty(english.Except(translated));
        Assert.Empty(translated.Except(english));
    }
}
