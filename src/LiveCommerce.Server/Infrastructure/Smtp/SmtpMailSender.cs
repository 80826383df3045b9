using System.Net.Sockets;
using LiveCommerce.Server.Features.Accounts;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace LiveCommerce.Server.Infrastructure.Smtp;

/// <summary>
/// Sends each mail through the configured SMTP server with MailKit: one connection per mail
/// (confirmations and resets are few), TLS as <see cref="SmtpOptions.UseTls"/> says, sign-in when a
/// user name is set. Any failure of the server surfaces as a <see cref="MailNotSentException"/> naming it.
/// </summary>
public sealed class SmtpMailSender(MailOptions options, TimeProvider time, ILogger<SmtpMailSender> logger) : IMailSender
{
    private readonly SmtpOptions _smtp = options.Smtp;
    private readonly MailboxAddress _from = options.ParseSender();

    private string Server => $"{_smtp.Host}:{_smtp.Port}";

    private SecureSocketOptions Security =>
        !_smtp.UseTls ? SecureSocketOptions.None
        : _smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        using var message = MailMime.Build(mail, _from, time.GetUtcNow());
        using var client = new SmtpClient { Timeout = (int)_smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_smtp.Host, _smtp.Port, Security, ct);
            if (!string.IsNullOrEmpty(_smtp.UserName))
            {
                await client.AuthenticateAsync(_smtp.UserName, _smtp.Password, ct);
            }

            await client.SendAsync(MailMime.Format, message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException or ProtocolException or CommandException
            or AuthenticationException or SslHandshakeException or NotSupportedException)
        {
            // NotSupportedException: TLS required and the server offers no STARTTLS.
            throw new MailNotSentException($"Mail \"{mail.Subject}\" was not sent through the SMTP server {Server}: {e.Message}", e);
        }

        logger.LogInformation("Mail {Subject} sent through {SmtpServer}", mail.Subject, Server);
    }}
