using System.Text.RegularExpressions;
using LiveCommerce.Server.Features.Accounts;
using MimeKit;
using MimeKit.Utils;

namespace LiveCommerce.Server.Infrastructure;

/// <summary>
/// How both mail adapters (SMTP and the local folder) turn an <see cref="OutgoingMail"/> into a MIME
/// message, so that what a mailbox shows is the same whichever is configured. Refuses, with an
/// <see cref="ArgumentException"/> and before anything leaves, what could smuggle in a header.
/// </summary>
public static partial class MailMime
{
    /// <summary>The sender when none is configured and mail only goes to the local folder.</summary>
    public const string LocalFrom = "LiveCommerce <no-reply@livecommerce.localhost>";

    /// <summary>RFC 5321's limit on a forward path.</summary>
    public const int MaxAddressLength = 254;

    public const int MaxSubjectLength = 250;

    /// <summary>How messages are written: CRLF line ends, as on the wire and in any .eml file.</summary>
    public static readonly FormatOptions Format = CreateFormat();

    public static MimeMessage Build(OutgoingMail mail, MailboxAddress from, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(from);
        var to = Recipient(mail.To);
        CheckSubject(mail.Subject);
        if (mail.TextBody is null)
        {
            throw new ArgumentException("The mail has no text body; every mail needs one (links written out in full).", nameof(mail));
        }

        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = now,
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
        };
        message.From.Add(from);
        message.To.Add(to);
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        return message;
    }

    /// <summary>
    /// One mailbox, <c>a@example.com</c> or <c>Name &lt;a@example.com&gt;</c>, with no line break or other
    /// control character; null when the text is anything else (a list, a group, no domain, a header).
    /// </summary>
    public static MailboxAddress? TryParseMailbox(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2 * MaxAddressLength || text.Any(char.IsControl))
        {
            return null;
        }

        if (!MailboxAddress.TryParse(ParserOptions.Default, text, out var mailbox))
        {
            return null;
        }

        var at = mailbox.Address.LastIndexOf('@');
        return at > 0 && at < mailbox.Address.Length - 1 && mailbox.Address.Length <= MaxAddressLength ? mailbox : null;
    }

    /// <summary>The first http(s) link in <paramref name="text"/>, or null.</summary>
    public static string? FirstLink(string? text) =>
        text is not null && LinkPattern().Match(text) is { Success: true } match ? match.Value.TrimEnd('.', ',', ';', ')', '!', '?') : null;

    private static MailboxAddress Recipient(string? to)
    {
        if (to is not null && to.Any(c => c is '\r' or '\n'))
        {
            throw new ArgumentException("The mail's recipient holds a line break (CR or LF), which could add headers or recipients; nothing was sent.", nameof(OutgoingMail.To));
        }

        return TryParseMailbox(to) ?? throw new ArgumentException(
            $"The mail's recipient must be exactly one address such as someone@example.com; \"{to}\" is not. Nothing was sent.", nameof(OutgoingMail.To));
    }

    private static void CheckSubject(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            throw new ArgumentException("The mail has no subject; nothing was sent.", nameof(OutgoingMail.Subject));
        }

        if (subject.Any(c => c is '\r' or '\n'))
        {
            throw new ArgumentException("The mail's subject holds a line break (CR or LF), which could add headers; nothing was sent.", nameof(OutgoingMail.Subject));
        }

        if (subject.Any(char.IsControl))
        {
            throw new ArgumentException("The mail's subject holds a control character; nothing was sent.", nameof(OutgoingMail.Subject));
        }

        if (subject.Length > MaxSubjectLength)
        {
            throw new ArgumentException($"The mail's subject is longer than {MaxSubjectLength} characters; nothing was sent.", nameof(OutgoingMail.Subject));
        }
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
