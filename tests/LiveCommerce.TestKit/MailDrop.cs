using MimeKit;

namespace LiveCommerce.TestKit;

/// <summary>
/// Mail as a recipient's mailbox holds it: the files of a Maildir's <c>new/</c> and <c>cur/</c> (where the
/// SMTP sink delivers), or the .eml files of the folder mail adapter, parsed with MimeKit.
/// Tests share a mailbox and tell their mail apart by a recipient address of their own.
/// </summary>
public sealed class MailDrop(params string[] folders)
{
    public static MailDrop Maildir(string path) => new(Path.Combine(path, "new"), Path.Combine(path, "cur"));

    /// <summary>Every complete message addressed to <paramref name="address"/> so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> To(string address) => All()
        .Where(m => m.To.Mailboxes.Any(r => string.Equals(r.Address, address, StringComparison.OrdinalIgnoreCase)))
        .ToList();

    /// <summary>Every complete message so far.</summary>
    public IReadOnlyList<MimeMessage> All()
    {
        var messages = new List<(DateTime Time, MimeMessage Message)>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            // Maildir files have no extension; the folder adapter writes *.eml.partial, then renames.
            foreach (var file in Directory.EnumerateFiles(folder).Where(f => !f.EndsWith(".partial", StringComparison.Ordinal)))
            {
                try
                {
                    messages.Add((File.GetLastWriteTimeUtc(file), MimeMessage.Load(file)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Moved (new/ → cur/) or removed while listed: the next look finds it.
                }
            }
        }

        return messages.OrderBy(m => m.Time).Select(m => m.Message).ToList();
    }

    /// <summary>Polls until a message to <paramref name="address"/> is there; fails after <paramref name="timeout"/>.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (To(address) is [var first, ..])
            {
                return first;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"No mail to {address} arrived in {string.Join(", ", folders)} within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }
}
