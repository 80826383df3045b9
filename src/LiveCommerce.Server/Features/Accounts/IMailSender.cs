namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// One email to one person: a confirmation, a password reset, an invitation. Plain text always
/// (with any link written out in full), HTML optionally.
/// </summary>
public sealed record OutgoingMail(string To, string Subject, string TextBody, string? HtmlBody = null);

/// <summary>
/// Sends mail to people, so that no feature knows how it leaves: SMTP when configured, else a local
/// folder (the Development default). Chosen once by the host.
/// </summary>
public interface IMailSender
{
    /// <summary>
    /// Hands the mail to the mail system. Throws <see cref="ArgumentException"/> before anything is
    /// sent when <see cref="OutgoingMail.To"/> is not exactly one address, or To or the subject holds a
    /// line break or another control character (a header injection); throws
    /// <see cref="MailNotSentException"/> when the mail system cannot take it (server down, refused).
    /// </summary>
    Task SendAsync(OutgoingMail mail, CancellationToken ct = default);
}

/// <summary>The mail system did not take the mail; the message says which system and why.</summary>
public sealed class MailNotSentException(string message, Exception? inner = null) : Exception(message, inner);
