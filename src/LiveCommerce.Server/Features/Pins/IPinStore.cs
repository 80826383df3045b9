using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.Pins;

public enum PinOutcome
{
    Pinned,
    AlreadyPinned,
    Full,
}

/// <summary>
/// A stream's showcase and current pins. Every change is one atomic step, so with any number of
/// nodes a pin happens once, the limit holds, and each pin is removed (by the host or by expiry)
/// exactly once: whoever removes it announces it. Both adapters pass PinStoreContract.
/// </summary>
public interface IPinStore
{
    Task SetShowcaseAsync(string streamId, IReadOnlyList<string> productIds, CancellationToken ct = default);

    Task<IReadOnlyList<string>> GetShowcaseAsync(string streamId, CancellationToken ct = default);

    /// <summary>Adds the pin unless its product is pinned already or <paramref name="maxPins"/> are pinned.</summary>
    Task<PinOutcome> TryPinAsync(string streamId, PinDto pin, int maxPins, CancellationToken ct = default);

    /// <summary>Removes the product's pin; returns it, or null when it was not pinned (someone else removed it).</summary>
    Task<PinDto?> TryUnpinAsync(string streamId, string productId, CancellationToken ct = default);

    /// <summary>Current pins, oldest first.</summary>
    Task<IReadOnlyList<PinDto>> ListAsync(string streamId, CancellationToken ct = default);

    /// <summary>
    /// Removes up to <paramref name="max"/> pins whose time ran out at <paramref name="now"/> and returns
    /// them. A pin is returned to exactly one caller, however many nodes sweep at once.
    /// </summary>
    Task<IReadOnlyList<(string StreamId, PinDto Pin)>> ClaimExpiredAsync(DateTimeOffset now, int max, CancellationToken ct = default);

    /// <summary>Drops all pins of a stream (it ended).</summary>
    Task ClearPinsAsync(string streamId, CancellationToken ct = default);
}
