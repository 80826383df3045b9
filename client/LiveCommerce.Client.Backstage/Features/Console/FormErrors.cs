using LiveCommerce.Client.Shared;

namespace LiveCommerce.Client.Features.Console;

/// <summary>What a form shows beside its button: a refusal that none of its fields shows next to itself.</summary>
public static class FormErrors
{
    /// <summary>The message, unless the server named one of <paramref name="shown"/> (that field's FieldError shows it); null without an error.</summary>
    public static string? Unplaced(Exception? error, params string[] shown) => error switch
    {
        null => null,
        ApiException api when api.Fields.Keys.Any(k => shown.Contains(k, StringComparer.Ordinal)) => null,
        _ => ApiException.Describe(error),
    };
}
