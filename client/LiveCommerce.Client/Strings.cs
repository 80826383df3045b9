namespace LiveCommerce.Client;

/// <summary>
/// The marker type of the app's UI text (<c>Resources/Strings*.resx</c>), used as
/// <c>IStringLocalizer&lt;Strings&gt;</c>. Keys are the English text, so a missing translation
/// still reads sensibly.
/// </summary>
public sealed class Strings
{
}
