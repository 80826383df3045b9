using System.Threading.Channels;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// Account mail leaves through this queue, not inline: sign-up and forgot-password then answer in the
/// same time whether or not the address has an account (no enumeration by timing), and a slow or
/// briefly down mail server does not fail the request. A mail that still cannot be sent after a few
/// tries is logged and dropped; the person can ask again.
/// </summary>
public sealed partial class MailOutbox(IServiceProvider services, ILogger<MailOutbox> logger) : BackgroundService
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    // Bounded so a flood of sign-ups cannot grow memory without end; the rate limit keeps it far from full.
    private readonly Channel<OutgoingMail> _queue = Channel.CreateBounded<OutgoingMail>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Enqueue(OutgoingMail mail)
    {
        if (!_queue.Writer.TryWrite(mail))
        {
            LogDropped(logger);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved on first use, not at construction: a misconfigured sender must fail the node's
        // start through its options validation (with its clear message), not through this service.
        IMailSender? sender = null;
        await foreach (var mail in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            sender ??= services.GetRequiredService<IMailSender>();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await sender.SendAsync(mail, stoppingToken);
                    break;
                }
                catch (MailNotSentException e) when (attempt < Backoff.Length)
                {
                    LogRetry(logger, e.Message, Backoff[attempt]);
                    await Task.Delay(Backoff[attempt], stoppingToken);
                }
                catch (Exception e) when (e is MailNotSentException or ArgumentException)
                {
                    LogGaveUp(logger, e, mail.Subject);
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail queue is full; a mail was dropped")]
    private static partial void LogDropped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail not sent ({Reason}); trying again in {Delay}")]
    private static partial void LogRetry(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up sending a mail '{Subject}'")]
    private static partial void LogGaveUp(ILogger logger, Exception e, string subject);
}
