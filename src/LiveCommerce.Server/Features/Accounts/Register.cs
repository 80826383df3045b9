using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// A new account, unconfirmed until its owner opens the mailed link. An address that already has an
/// account gets the same answer (and a mail telling its owner), after the same work: a password hash.
/// </summary>
public sealed record Register(RegisterRequest Request, string RequestBase) : ICommand<MailSentResponse>, IValidated
{
    public void Validate(Validator v)
    {
        v.Require(Request is not null, "A body is required.");
        if (Request is { } r)
        {
            v.Email(r.Email).Password("password", r.Password).Text("displayName", r.DisplayName, AppUser.DisplayNameMaxLength).Country(r.Country);
        }
    }
}

public sealed class RegisterHandler(IServiceScopeFactory scopes, AccountMail mail, TimeProvider clock) : ICommandHandler<Register, MailSentResponse>
{
    private static readonly MailSentResponse Sent = new(MailSentResponse.CheckYourEmail);

    public async ValueTask<MailSentResponse> Handle(Register command, CancellationToken ct)
    {
        var r = command.Request;
        await using var work = scopes.OpenAccounts();
        var user = new AppUser
        {
            Id = "u-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            UserName = r.Email.Trim(), Email = r.Email.Trim(), DisplayName = r.DisplayName.Trim(), Country = r.Country, CreatedAt = clock.GetUtcNow(),
        };
        // Judged before looking the address up, so a weak password says nothing about who is a member.
        await work.RequireStrongPasswordAsync(user, r.Password);

        var existing = await work.Users.FindByEmailAsync(user.Email);
        if (existing is null)
        {
            if (await TryCreateAsync(work, user, r.Password))
            {
                mail.Confirm(user, await work.Users.GenerateEmailConfirmationTokenAsync(user), command.RequestBase);
                return Sent;
            }

            // Lost a race with a sign-up for the same address (the unique index refused it).
            await using var fresh = scopes.OpenAccounts();
            existing = await fresh.Users.FindByEmailAsync(user.Email)
                ?? throw new AppException(ErrorCodes.Unavailable, "The account could not be created; try again.", StatusCodes.Status503ServiceUnavailable);
        }
        else
        {
            _ = work.Users.PasswordHasher.HashPassword(user, r.Password);
        }

        mail.AlreadyRegistered(existing, command.RequestBase);
        return Sent;
    }

    /// <summary>False when the address was taken meanwhile: Identity's check passed, the unique index did not.</summary>
    private static async Task<bool> TryCreateAsync(AccountsWork work, AppUser user, string password)
    {
        try
        {
            var created = await work.Users.CreateAsync(user, password);
            return created.Succeeded || created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                ? created.Succeeded
                : throw AccountRules.WeakPassword(created);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            return false;
        }
    }
}
