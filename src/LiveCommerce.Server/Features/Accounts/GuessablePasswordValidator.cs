using Microsoft.AspNetCore.Identity;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// Beyond Identity's length and character rules: refuses the shapes that top every breach list
/// (a common word or keyboard run with digits tacked on, one character repeated, the person's own
/// email or name), which pass the character rules easily ("Password123").
/// </summary>
public sealed class GuessablePasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly string[] Common =
    [
        "password", "passw0rd", "qwerty", "azerty", "123456", "654321", "abc123", "letmein", "welcome", "iloveyou",
        "admin", "monkey", "dragon", "football", "baseball", "sunshine", "princess", "livecommerce", "abcdef", "asdfgh", "zxcvbn",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lower = password.ToLowerInvariant();
        var emailName = user.Email?.Split('@')[0].ToLowerInvariant();
        var guessable =
            Common.Any(lower.Contains)
            || lower.Distinct().Count() <= 3
            || IsRun(lower)
            || (emailName is { Length: >= 4 } && lower.Contains(emailName, StringComparison.Ordinal))
            || user.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(n => n.Length >= 4 && lower.Contains(n.ToLowerInvariant(), StringComparison.Ordinal));
        return Task.FromResult(guessable
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordGuessable", Description = "Passwords must not be a common word, a run of keys, or contain your name or email." })
            : IdentityResult.Success);
    }

    /// <summary>Consecutive characters ("1234567890", "abcdefgh") for most of its length.</summary>
    private static bool IsRun(string s)
    {
        var steps = 0;
        for (var i = 1; i < s.Length; i++)
        {
            if (Math.Abs(s[i] - s[i - 1]) == 1)
            {
                steps++;
            }
        }

        return steps >= s.Length * 2 / 3;
    }
}
