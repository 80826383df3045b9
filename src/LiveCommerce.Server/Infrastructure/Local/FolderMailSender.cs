using LiveCommerce.Server.Features.Accounts;
using MimeKit;

namespace LiveCommerce.Server.Infrastructure.Local;

/// <summary>
/// Mail for a machine with no mail server (the <c>dotnet run</c> default): each message is written
/// as an .eml file into a folder (any mail program opens it), and its first link is logged at
/// Information so that a developer can click the confirmation or reset link from the console.
/// Nothing leaves the machine.
/// </summary>
public sealed class FolderMailSender(string folder, MailboxAddress from, TimeProvider time, ILogger<FolderMailSender> logger) : IMailSender
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        using var message = MailMime.Build(mail, from, now);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{now:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid().ToString("N")[..8]}.eml");

        // Written aside, then renamed: whoever watches the folder never reads half a message.
        var partial = path + ".partial";
        try
        {
            await message.WriteToAsync(MailMime.Format, partial, ct);
            File.Move(partial, path);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        logger.LogInformation("Mail {Subject} to {To} written to {MailFile} (not sent: Mail:Smtp:Host is not set). Link: {Link}",
            mail.Subject, mail.To, path, MailMime.FirstLink(mail.TextBody) ?? "(none)");
    }
}
