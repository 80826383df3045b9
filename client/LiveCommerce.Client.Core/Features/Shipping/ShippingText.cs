using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;
using Microsoft.Extensions.Localization;

namespace LiveCommerce.Client.Features.Shipping;

/// <summary>Shipping refusals in the viewer's language, by their stable codes.</summary>
public static class ShippingText
{
    /// <summary>Why <paramref name="field"/> was refused, worded from its code when the server gave one, else the server's message.</summary>
    public static string? FieldProblem(Exception? error, string field, IStringLocalizer<Strings> L)
    {
        if (error is not ApiException api || !api.Fields.TryGetValue(field, out var message))
        {
            return null;
        }

        return (api.FieldCodes.TryGetValue(field, out var code) ? code : api.Code) switch
        {
            ErrorCodes.AddressFieldRequired => L["Required."],
            ErrorCodes.AddressFieldInvalid => L["Too long, or has characters an address can't hold."],
            ErrorCodes.PostalCodeInvalid => L["This postal code doesn't match the country."],
            ErrorCodes.CountryNotSupported => L["We don't deliver to this country yet."],
            _ => message,
        };
    }

    /// <summary>A refusal of the whole request (or one without a field) in the viewer's language where we know its code.</summary>
    public static string Describe(Exception e, IStringLocalizer<Strings> L) => e switch
    {
        ApiException { Code: ErrorCodes.DoesNotShipToCountry } => L["This product doesn't ship to your address's country."],
        ApiException { Code: ErrorCodes.TooManyAddresses } => L["Your address book is full: delete an address first."],
        ApiException { Code: ErrorCodes.AddressNotFound } => L["That address is no longer in your address book."],
        ApiException { Code: ErrorCodes.ValidationFailed or ErrorCodes.AddressFieldRequired or ErrorCodes.AddressFieldInvalid or ErrorCodes.PostalCodeInvalid or ErrorCodes.CountryNotSupported } =>
            L["Check the highlighted fields."],
        _ => ApiException.Describe(e),
    };

    /// <summary>One line of an address, for lists and the checkout's summary.</summary>
    public static string OneLine(AddressDto a) =>
        string.Join(", ", new[] { a.Name, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country }.Where(x => !string.IsNullOrWhiteSpace(x)));
}
