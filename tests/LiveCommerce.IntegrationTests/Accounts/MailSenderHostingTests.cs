using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Infrastructure.Local;
using LiveCommerce.Server.Infrastructure.Smtp;
using LiveCommerce.TestKit;
using Microsoft.Extensions.Options;

namespace LiveCommerce.IntegrationTests.Accounts;

/// <summary>The host chooses the mail adapter once, from <c>Mail:Smtp:Host</c>, and refuses to start on bad mail settings.</summary>
public sealed class MailSenderHostingTests
{
    [Fact]
    public async Task With_an_smtp_host_a_node_sends_through_it()
    {
        var sink = await SmtpSink.SharedAsync();
        await using var node = await TestNode.StartAsync(null, "mail-smtp", new Dictionary<string, string?>
        {
            ["Mail:From"] = "LiveCommerce <no-reply@shop.example.test>",
            ["Mail:Smtp:Host"] = sink.Host,
            ["Mail:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:UseTls"] = "false",
        });
        var sender = node.Get<IMailSender>();
        Assert.IsType<SmtpMailSender>(sender);
        var to = SmtpSink.UniqueAddress();

        await sender.SendAsync(new OutgoingMail(to, "Confirma tu correo", "https://shop.example.test/confirm"));

        Assert.Equal("Confirma tu correo", (await sink.Mailbox.WaitForAsync(to, TimeSpan.FromSeconds(15))).Subject);
    }

    [Fact]
    public async Task Without_one_a_node_writes_mail_into_its_folder()
    {
        var folder = Directory.CreateTempSubdirectory("lc-mail-").FullName;
        try
        {
            await using var node = await TestNode.StartAsync(null, "mail-folder", new Dictionary<string, string?> { ["Mail:LocalPath"] = folder });
            var sender = Assert.IsType<FolderMailSender>(node.Get<IMailSender>());
            Assert.Equal(folder, sender.Folder);
            var to = SmtpSink.UniqueAddress();

            await sender.SendAsync(new OutgoingMail(to, "确认您的邮箱", "https://shop.example.test/confirm"));

            var got = await new MailDrop(folder).WaitForAsync(to, TimeSpan.FromSeconds(15));
            Assert.Equal("no-reply@livecommerce.localhost", Assert.Single(got.From.Mailboxes).Address);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("smtp.example.test", "", "587", "Mail:From is required")]
    [InlineData("smtp.example.test", "not an address", "587", "Mail:From must be one mail address")]
    [InlineData("smtp.example.test", "a@example.test, b@example.test", "587", "Mail:From must be one mail address")]
    [InlineData("smtp.example.test", "no-reply@example.test", "0", "Mail:Smtp:Port must be between 1 and 65535")]
    [InlineData("smtp.example.test", "no-reply@example.test", "65536", "Mail:Smtp:Port must be between 1 and 65535")]
    [InlineData("", "not an address", "587", "Mail:From must be one mail address")]
    public async Task Bad_mail_settings_stop_the_node_at_start_with_a_clear_message(string host, string from, string port, string expected)
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => TestNode.StartAsync(null, "mail-bad", new Dictionary<string, string?>
        {
            ["Mail:Smtp:Host"] = host,
            ["Mail:From"] = from,
            ["Mail:Smtp:Port"] = port,
        }));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
