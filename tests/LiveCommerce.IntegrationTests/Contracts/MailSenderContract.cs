using System.Diagnostics;
using LiveCommerce.IntegrationTests.Security;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Infrastructure;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Smtp;
using LiveCommerce.TestKit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveCommerce.IntegrationTests.Contracts;

/// <summary>
/// What every <see cref="IMailSender"/> must do, read back where the recipient's mailbox would show
/// it: for SMTP, the Maildir of a real SMTP server (aiosmtpd) on loopback; for the folder adapter,
/// its folder. Each test mails addresses of its own, so tests can share one mailbox.
/// </summary>
public abstract class MailSenderContract
{
    protected const string From = "LiveCommerce <no-reply@shop.example.test>";

    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>A link the way a confirmation mail carries one: long, with a query that QP or wrapping could break.</summary>
    protected const string Link = "https://shop.example.test/confirm-email?userId=3f2a9c1e-77b0-4c55-9d3e-0a1b2c3d4e5f"
        + "&token=CfDJ8Nq%2BZz0kLm9%2FpQ%3D%3DabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
        + "&returnUrl=%2Fstreams%2Fs-1%3Flang%3Des";

    protected LogCapture Logs { get; } = new();

    protected abstract Task<(IMailSender Sender, MailDrop Mailbox)> CreateAsync();

    [Theory]
    [InlineData("确认您的邮箱", "您好！请点击下面的链接确认您的邮箱：")]
    [InlineData("Confirma tu correo", "¡Hola, Begoña! Pulsa el enlace para confirmar tu correo:")]
    [InlineData("Confirm your email", "Hello! Open the link below to confirm your email:")]
    public async Task A_mail_arrives_with_its_recipient_subject_and_link_intact(string subject, string greeting)
    {
        var (sender, mailbox) = await CreateAsync();
        var to = SmtpSink.UniqueAddress();

        await sender.SendAsync(new OutgoingMail(to, subject, $"{greeting}\n\n{Link}\n\n— LiveCommerce"));

        var got = await mailbox.WaitForAsync(to, Patience);
        Assert.Equal(to, Assert.Single(got.To.Mailboxes).Address);
        Assert.Equal("no-reply@shop.example.test", Assert.Single(got.From.Mailboxes).Address);
        Assert.Equal(subject, got.Subject);
        Assert.Contains(greeting, got.TextBody, StringComparison.Ordinal);
        Assert.Contains(Link, got.TextBody, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(got.MessageId));
    }

    [Fact]
    public async Task A_mail_with_html_carries_both_parts()
    {
        var (sender, mailbox) = await CreateAsync();
        var to = SmtpSink.UniqueAddress();
        var html = $"<p>Pulsa <a href=\"{Link.Replace("&", "&amp;", StringComparison.Ordinal)}\">aquí</a> para confirmar tu correo.</p>";

        await sender.SendAsync(new OutgoingMail(to, "Confirma tu correo", $"Confirma tu correo: {Link}", html));

        var got = await mailbox.WaitForAsync(to, Patience);
        Assert.Contains(Link, got.TextBody, StringComparison.Ordinal);
        Assert.Equal(html, got.HtmlBody?.TrimEnd());
    }

    [Theory]
    [InlineData("To", "{to}\r\nBcc: {victim}")]
    [InlineData("To", "{to}\nBcc: {victim}")]
    [InlineData("To", "{to}, {victim}")]
    [InlineData("To", "Everyone: {to}, {victim};")]
    [InlineData("To", "not an address")]
    [InlineData("To", "")]
    [InlineData("Subject", "Confirm your email\r\nBcc: {victim}")]
    [InlineData("Subject", "Confirm your email\nBcc: {victim}")]
    [InlineData("Subject", "Confirm your email\rBcc: {victim}")]
    [InlineData("Subject", "Confirm your email\r\n\r\nA body of the attacker's choosing")]
    public async Task A_header_injection_is_refused_before_anything_is_sent(string field, string template)
    {
        var (sender, mailbox) = await CreateAsync();
        var to = SmtpSink.UniqueAddress();
        var victim = SmtpSink.UniqueAddress("victim");
        var value = template.Replace("{to}", to, StringComparison.Ordinal).Replace("{victim}", victim, StringComparison.Ordinal);
        var mail = field == "To"
            ? new OutgoingMail(value, "Confirm your email", $"Confirm: {Link}")
            : new OutgoingMail(to, value, $"Confirm: {Link}");

        var e = await Assert.ThrowsAsync<ArgumentException>(() => sender.SendAsync(mail));
        Assert.Equal(field, e.ParamName);
        Assert.Contains("nothing was sent", e.Message, StringComparison.OrdinalIgnoreCase);

        // A mail sent after the refused one arrives after it would have: once it is there, the
        // mailbox shows all that was delivered before, which must be nothing to either address.
        await sender.SendAsync(new OutgoingMail(to, "After the refusal", "The only mail."));
        await mailbox.WaitForAsync(to, Patience);
        Assert.Equal("After the refusal", Assert.Single(mailbox.To(to)).Subject);
        Assert.Empty(mailbox.To(victim));
        Assert.DoesNotContain(mailbox.All(), m => m.Headers.Any(h => h.Value.Contains(victim, StringComparison.OrdinalIgnoreCase)));
    }
}

public sealed class SmtpMailSenderContractTests : MailSenderContract
{
    protected override async Task<(IMailSender Sender, MailDrop Mailbox)> CreateAsync()
    {
        var sink = await SmtpSink.SharedAsync();
        return (Sender(sink.Host, sink.Port), sink.Mailbox);
    }

    [Fact]
    public async Task A_server_that_is_down_gives_a_clear_error_within_seconds()
    {
        var port = RedisServer.FreePort(); // nothing listens there
        var sender = Sender("127.0.0.1", port);
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<MailNotSentException>(() =>
            sender.SendAsync(new OutgoingMail(SmtpSink.UniqueAddress(), "Confirm your email", $"Confirm: {Link}")));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Contains($"127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
        Assert.Contains("Confirm your email", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_tls_required_a_server_without_starttls_is_refused_and_nothing_is_sent()
    {
        var sink = await SmtpSink.SharedAsync();
        var sender = Sender(sink.Host, sink.Port, useTls: true); // aiosmtpd here offers no STARTTLS
        var to = SmtpSink.UniqueAddress();

        var e = await Assert.ThrowsAsync<MailNotSentException>(() => sender.SendAsync(new OutgoingMail(to, "Confirm your email", "…")));

        Assert.Contains($"{sink.Host}:{sink.Port}", e.Message, StringComparison.Ordinal);
        await Sender(sink.Host, sink.Port).SendAsync(new OutgoingMail(to, "After the refusal", "The only mail."));
        await sink.Mailbox.WaitForAsync(to, Patience);
        Assert.Equal("After the refusal", Assert.Single(sink.Mailbox.To(to)).Subject);
    }

    private static SmtpMailSender Sender(string host, int port, bool useTls = false)
    {
        var options = new MailOptions
        {
            From = From,
            Smtp = new SmtpOptions { Host = host, Port = port, UseTls = useTls, Timeout = TimeSpan.FromSeconds(5) },
        };
        return new SmtpMailSender(options, TimeProvider.System, NullLogger<SmtpMailSender>.Instance);
    }
}

public sealed class FolderMailSenderContractTests : MailSenderContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lc-mail-").FullName;
    private readonly ILoggerFactory _logging;

    public FolderMailSenderContractTests()
    {
        _logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(Logs));
    }

    protected override Task<(IMailSender Sender, MailDrop Mailbox)> CreateAsync() =>
        Task.FromResult<(IMailSender, MailDrop)>((
            new FolderMailSender(_folder, MailMime.TryParseMailbox(From)!, TimeProvider.System, _logging.CreateLogger<FolderMailSender>()),
            new MailDrop(_folder)));

    [Fact]
    public async Task Each_mail_is_an_eml_file_and_its_first_link_is_logged_at_information()
    {
        var (sender, mailbox) = await CreateAsync();
        var to = SmtpSink.UniqueAddress();

        await sender.SendAsync(new OutgoingMail(to, "Confirma tu correo", $"Pulsa aquí: {Link}.\n\nO aquí: https://shop.example.test/other"));

        await mailbox.WaitForAsync(to, Patience);
        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        var line = Assert.Single(Logs.Lines, l => l.Category == typeof(FolderMailSender).FullName);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains($"Link: {Link}", line.Text, StringComparison.Ordinal);
        Assert.Contains(file, line.Text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _logging.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
