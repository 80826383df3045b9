using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>Mails a reset link to a confirmed account's address; the answer is the same for any address.</summary>
public sealed record ForgotPassword(ForgotPasswordRequest Request, string RequestBase) : ICommand<MailSentResponse>, IValidated
{
    public void Validate(Validator v) => v.Email(Request?.Email);
}

public sealed class ForgotPasswordHandler(IServiceScopeFactory scopes, AccountMail mail) : ICommandHandler<ForgotPassword, MailSentResponse>
{
    public async ValueTask<MailSentResponse> Handle(ForgotPassword command, CancellationToken ct)
    {
        await using var work = scopes.OpenAccounts();
        if (await work.Users.FindByEmailAsync(command.Request.Email.Trim()) is { EmailConfirmed: true } user)
        {
            mail.ResetPassword(user, await work.Users.GeneratePasswordResetTokenAsync(user), command.RequestBase);
        }

        return new(MailSentResponse.CheckYourEmail);
    }
}
