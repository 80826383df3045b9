using System.Globalization;
using Microsoft.JSInterop;

namespace LiveCommerce.Client.Localization;

/// <summary>A language the UI is translated into.</summary>
public sealed record UiLanguage(string Code, string NativeName, string DefaultCulture);

/// <summary>
/// Which language the app runs in: the one the person picked (kept in localStorage), else the
/// browser's when translated, else English. Blazor WebAssembly loads a culture's resources at
/// start, so switching stores the choice and reloads the page (the documented pattern).
/// </summary>
public static class CulturePreference
{
    public const string StorageKey = "livecommerce.culture";

    public static readonly IReadOnlyList<UiLanguage> Languages =
    [
        new("en", "English", "en-US"),
        new("es", "Español", "es-ES"),
        new("zh", "中文（简体）", "zh-CN"),
    ];

    /// <summary>
    /// The culture to run in for a stored choice (or none) and the browser's culture: the
    /// browser's own regional culture when it speaks the chosen language (es-MX stays es-MX),
    /// otherwise the language's default. Chinese is always Simplified. wwwroot/js/start.js applies the
    /// same rule in the page to start Blazor in that culture (its culture data only): change both together.
    /// </summary>
    public static CultureInfo Resolve(string? stored, CultureInfo browser)
    {
        var browserLanguage = browser.TwoLetterISOLanguageName;
        var language = Languages.FirstOrDefault(l => l.Code == stored)
            ?? Languages.FirstOrDefault(l => l.Code == browserLanguage)
            ?? Languages[0];
        if (language.Code == browserLanguage && !browser.IsNeutralCulture && language.Code != "zh")
        {
            return browser;
        }

        return CultureInfo.GetCultureInfo(language.DefaultCulture);
    }

    public static string LanguageOf(CultureInfo culture) =>
        Languages.FirstOrDefault(l => l.Code == culture.TwoLetterISOLanguageName)?.Code ?? "en";

    /// <summary>Sets the app's culture before it starts rendering.</summary>
    public static async Task ApplyAsync(IJSRuntime js)
    {
        string? stored = null;
        try
        {
            stored = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
        }
        catch (JSException)
        {
            // Storage refused (private mode): the browser's language it is.
        }

        var culture = Resolve(stored, CultureInfo.CurrentCulture);
        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            // Screen readers pick their voice from it; the page ships as "en".
            await js.InvokeVoidAsync("document.documentElement.setAttribute", "lang", LanguageOf(culture));
        }
        catch (JSException)
        {
            // Cosmetic.
        }
    }

    public static async Task SaveAsync(IJSRuntime js, string language)
    {
        try
        {
            await js.InvokeVoidAsync("localStorage.setItem", StorageKey, language);
        }
        catch (JSException)
        {
            // Not kept across reloads; nothing else to do.
        }
    }
}
