using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Microsoft.AspNetCore.Identity;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>Shape rules and refusals that several account actions share.</summary>
public static class AccountRules
{
    public const int EmailMaxLength = 254;
    public const int PasswordMaxLength = 128;

    public static Validator Email(this Validator v, string? email) =>
        v.Text("email", email, EmailMaxLength)
         .Require(email is null || IsEmail(email), "email must be one address like name@example.com.");

    public static Validator Password(this Validator v, string field, string? password) =>
        v.Require(!string.IsNullOrEmpty(password), $"{field} is required.")
         .Require(password is null || password.Length <= PasswordMaxLength, $"{field} must be at most {PasswordMaxLength} characters.");

    public static Validator Country(this Validator v, string? country) =>
        v.Require(country is null || (country.Length == 2 && country.All(char.IsAsciiLetterUpper)), "country must be two capital letters (ISO 3166-1), like DE.");

    /// <summary>Exactly one plain address: no display name, no list, no whitespace.</summary>
    public static bool IsEmail(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 3 && value.IndexOf('.', at) > at + 1
            && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or ';' or '<' or '>' or '"' or '(' or ')');
    }

    /// <summary>The account behind the token: guests have none.</summary>
    public static async Task<AppUser> RequireUserAsync(this AccountsWork work, Actor actor)
    {
        if (actor.IsGuest)
        {
            throw AppException.Forbidden(ErrorCodes.SignInRequired, "Sign in to an account for this.");
        }

        return await work.Users.FindByIdAsync(actor.UserId)
            ?? throw new AppException(ErrorCodes.Unauthenticated, "This account no longer exists.", StatusCodes.Status401Unauthorized);
    }

    /// <summary>Identity's refusal of a new password, said once with every reason.</summary>
    public static AppException WeakPassword(IdentityResult result) =>
        new(ErrorCodes.WeakPassword, string.Join(" ", result.Errors.Select(e => e.Description)));

    /// <summary>Runs Identity's password validators (length, characters, guessable) without saving anything.</summary>
    public static async Task RequireStrongPasswordAsync(this AccountsWork work, AppUser user, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in work.Users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(work.Users, user, password);
            errors.AddRange(result.Errors);
        }

        if (errors.Count > 0)
        {
            throw WeakPassword(IdentityResult.Failed([.. errors]));
        }
    }

    /// <summary>An authenticator code as typed ("123 456", "123-456") as Identity checks it.</summary>
    public static string AuthenticatorCode(string code) =>
        code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    public static AppException InvalidLink() =>
        new(ErrorCodes.InvalidLink, "This link has expired or was already used. Ask for a new one.");
}
