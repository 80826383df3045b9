using System.Globalization;
using System.Resources;
using LiveCommerce.Client.Localization;
using Microsoft.Net.Http.Headers;

namespace LiveCommerce.Server.Features.FirstScreen;

/// <summary>
/// The app's own UI text (the client's <c>Resources/Strings*.resx</c>), so what the server renders
/// before the app loads reads as the app will. The culture follows the client's rule: the language the
/// visitor picked in the app (which wwwroot/js/start.js mirrors into a cookie, since the server cannot
/// read localStorage), else the browser's language when translated, else English.
/// </summary>
public sealed class ClientText(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new("LiveCommerce.Client.Resources.Strings", typeof(LiveCommerce.Client.Strings).Assembly);

    public CultureInfo Culture { get; } = culture;

    public string Language => CulturePreference.LanguageOf(Culture);

    public string this[string key] => Resources.GetString(key, Culture) ?? key;

    public string Format(string key, params object[] args) => string.Format(Culture, this[key], args);

    /// <summary>The culture for a request: its picked-language cookie, else its <c>Accept-Language</c> (first acceptable entry).</summary>
    public static ClientText For(HttpRequest request)
    {
        var browser = CultureInfo.InvariantCulture;
        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages))
        {
            foreach (var language in languages.Where(l => l.Quality is null or > 0).OrderByDescending(l => l.Quality ?? 1))
            {
                try
                {
                    browser = CultureInfo.GetCultureInfo(language.Value.ToString());
                    break;
                }
                catch (CultureNotFoundException)
                {
                    // Not a culture this server knows: try the next.
                }
            }
        }

        // Resolve takes only a language the app speaks from the cookie; anything else counts as no choice.
        return new ClientText(CulturePreference.Resolve(request.Cookies[CulturePreference.StorageKey], browser));
    }
}
