using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace LiveCommerce.Server.Infrastructure.Smtp;

/// <summary>
/// The <c>Mail</c> section. With <c>Mail:Smtp:Host</c> set, mail goes out through that SMTP server;
/// without it, each mail is written as an .eml file into <see cref="LocalPath"/> and its link is logged.
/// Validated at start.
/// </summary>
public sealed class MailOptions : IValidatableObject
{
    public const string Section = "Mail";

    /// <summary>The sender of every mail: <c>no-reply@example.com</c> or <c>LiveCommerce &lt;no-reply@example.com&gt;</c>. Required with SMTP.</summary>
    public string From { get; set; } = "";

    /// <summary>The folder when no SMTP host is set; default <c>{content root}/.data/mail</c>.</summary>
    public string LocalPath { get; set; } = "";

    public SmtpOptions Smtp { get; set; } = new();

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>The parsed sender, a method so that validation does not read it (<see cref="MailMime.LocalFrom"/> when none is set); valid once validation passed.</summary>
    public MailboxAddress ParseSender() =>
        MailMime.TryParseMailbox(string.IsNullOrWhiteSpace(From) ? MailMime.LocalFrom : From)
        ?? throw new InvalidOperationException($"Mail:From \"{From}\" is not a mail address.");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(From))
        {
            if (UsesSmtp)
            {
                yield return new ValidationResult(
                    "Mail:From is required when Mail:Smtp:Host is set: the address mail is sent from, e.g. \"LiveCommerce <no-reply@example.com>\".",
                    [nameof(From)]);
            }
        }
        else if (MailMime.TryParseMailbox(From) is null)
        {
            yield return new ValidationResult(
                $"Mail:From must be one mail address such as \"LiveCommerce <no-reply@example.com>\"; \"{From}\" is not.", [nameof(From)]);
        }

        if (!UsesSmtp)
        {
            yield break;
        }

        if (Smtp.Host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            yield return new ValidationResult($"Mail:Smtp:Host must be a host name or address; \"{Smtp.Host}\" is not.", [nameof(Smtp)]);
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            yield return new ValidationResult($"Mail:Smtp:Port must be between 1 and 65535; {Smtp.Port} is not.", [nameof(Smtp)]);
        }

        if (string.IsNullOrEmpty(Smtp.UserName) && !string.IsNullOrEmpty(Smtp.Password))
        {
            yield return new ValidationResult("Mail:Smtp:Password is set without Mail:Smtp:UserName; set both, or neither.", [nameof(Smtp)]);
        }

        if (Smtp.Timeout <= TimeSpan.Zero || Smtp.Timeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"Mail:Smtp:Timeout must be more than 0 and at most 5 minutes; {Smtp.Timeout} is not.", [nameof(Smtp)]);
        }
    }
}

/// <summary>The <c>Mail:Smtp</c> section: where mail goes out.</summary>
public sealed class SmtpOptions
{
    /// <summary>The SMTP server's host name or address. Empty: no SMTP, mail goes to the local folder.</summary>
    public string Host { get; set; } = "";

    /// <summary>587 (submission, STARTTLS) unless told; 465 means TLS from the first byte.</summary>
    public int Port { get; set; } = 587;

    /// <summary>Sign-in at the server, if it wants one (with <see cref="Password"/>).</summary>
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>
    /// True (default): TLS is required: on connect for port 465, else by STARTTLS, and a server that
    /// does not offer it is refused, so the password and the mail never travel in clear. False: no TLS,
    /// for a relay on loopback or a private network only.
    /// </summary>
    public bool UseTls { get; set; } = true;

    /// <summary>How long one step (connect, each command) may take before the send fails.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
