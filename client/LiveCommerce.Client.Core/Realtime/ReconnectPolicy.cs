using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCommerce.Client.Realtime;

/// <summary>
/// Never gives up while someone is watching: quick first retries, then every ~10 s with jitter
/// so a restarted server is not hit by every viewer in the same instant. (SignalR's default
/// policy stops after four tries, which would leave a viewer on a frozen page.)
/// </summary>
public sealed class ReconnectPolicy(Action<RetryContext>? onRetry = null) : IRetryPolicy
{
    private static readonly TimeSpan[] FirstDelays =
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>The wait before retry number <paramref name="attempt"/> (0-based); <paramref name="jitter"/> in [0, 1).</summary>
    public static TimeSpan Delay(long attempt, double jitter)
    {
        var baseDelay = attempt < FirstDelays.Length ? FirstDelays[attempt] : MaxDelay;

        // ±20 % spread, only on the slower steps.
        return baseDelay < TimeSpan.FromSeconds(1) ? baseDelay : baseDelay * (0.8 + (0.4 * jitter));
    }

    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        onRetry?.Invoke(retryContext);
#pragma warning disable CA5394 // Jitter, not security.
        return Delay(retryContext.PreviousRetryCount, Random.Shared.NextDouble());
#pragma warning restore CA5394
    }
}
