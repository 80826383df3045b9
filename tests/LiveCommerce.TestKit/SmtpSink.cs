using System.Diagnostics;
using System.Globalization;
using LiveCommerce.TestKit.Processes;

namespace LiveCommerce.TestKit;

/// <summary>
/// The SMTP server the suite shares: the aiosmtpd ./test.sh started (LIVECOMMERCE_TEST_SMTP holds
/// "host:port", LIVECOMMERCE_TEST_MAILDIR its Maildir), or else one started here on a free loopback
/// port with a Maildir of its own. It accepts every message and delivers it to the Maildir, where
/// <see cref="Mailbox"/> reads it as a recipient would.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    /// <summary>Debian's Python, where python3-aiosmtpd installs.</summary>
    private const string Python = "/usr/bin/python3";

    private static readonly Lazy<Task<SmtpSink>> Shared = new(async () =>
    {
        if (Environment.GetEnvironmentVariable("LIVECOMMERCE_TEST_SMTP") is { Length: > 0 } configured
            && Environment.GetEnvironmentVariable("LIVECOMMERCE_TEST_MAILDIR") is { Length: > 0 } maildir)
        {
            var colon = configured.LastIndexOf(':');
            return new SmtpSink(null, configured[..colon], int.Parse(configured[(colon + 1)..], CultureInfo.InvariantCulture), maildir, ownsDir: false);
        }

        var own = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => own.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return own;
    });

    private readonly Process? _process;
    private readonly bool _ownsDir;

    private SmtpSink(Process? process, string host, int port, string maildir, bool ownsDir)
    {
        _process = process;
        _ownsDir = ownsDir;
        Host = host;
        Port = port;
        MaildirPath = maildir;
        Mailbox = MailDrop.Maildir(maildir);
    }

    public string Host { get; }

    public int Port { get; }

    public string MaildirPath { get; }

    public MailDrop Mailbox { get; }

    public static Task<SmtpSink> SharedAsync() => Shared.Value;

    /// <summary>A recipient address no other test uses.</summary>
    public static string UniqueAddress(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}@example.test";

    public static async Task<SmtpSink> StartAsync()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} not found: run ./test.sh or infra/install-deps.sh (Debian python3-aiosmtpd).");
        }

        var port = RedisServer.FreePort();
        var dir = Directory.CreateTempSubdirectory("lc-smtp-").FullName;
        var maildir = Path.Combine(dir, "maildir");
        var process = ChildProcess.StartQuiet(new ProcessStartInfo(Python)
        {
            ArgumentList =
            {
                "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                "-c", "aiosmtpd.handlers.Mailbox", maildir,
            },
            WorkingDirectory = dir,
        });
        var sink = new SmtpSink(process, "127.0.0.1", port, maildir, ownsDir: true);
        if (await ChildProcess.ListensAsync(process, port, TimeSpan.FromSeconds(30)))
        {
            return sink;
        }

        await sink.DisposeAsync();
        throw new InvalidOperationException($"aiosmtpd did not listen on port {port} (is python3-aiosmtpd installed?).");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        if (_ownsDir)
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(MaildirPath)!, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
