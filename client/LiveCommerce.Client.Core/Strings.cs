using Microsoft.Extensions.Localization;

// The resources are named after the project's root namespace (LiveCommerce.Client.Resources.Strings), which is
// not this assembly's name: without this, IStringLocalizer would look for them under the assembly's name, find
// nothing, and show every key, the English text, in every language.
[assembly: RootNamespace("LiveCommerce.Client")]

namespace LiveCommerce.Client;

/// <summary>
/// The marker type of the app's UI text (<c>Resources/Strings*.resx</c>), used as
/// <c>IStringLocalizer&lt;Strings&gt;</c>. Keys are the English text, so a missing translation
/// still reads sensibly.
/// </summary>
public sealed class Strings
{
}
