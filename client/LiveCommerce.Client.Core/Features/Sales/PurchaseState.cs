using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Features.Sales;

public enum PurchaseStep
{
    /// <summary>Nothing yet: the Buy button.</summary>
    Idle,
    Reserving,

    /// <summary>Units are held for the buyer until <see cref="PurchaseState.HoldExpiresAt"/>: pay now.</summary>
    Held,
    Paying,
    Confirmed,

    /// <summary>None left for this buyer: the waitlist is offered.</summary>
    SoldOut,
    Waitlisted,

    /// <summary>Could not buy (limit reached, not live, hold expired, payment failed, a refusal): <see cref="PurchaseState.Problem"/> says why.</summary>
    Problem,
}

/// <summary>
/// One viewer's way through Buy → hold → checkout → confirmation, as a pure state: each server
/// answer maps to the next state here, so the flow is testable without a page or a hub.
/// </summary>
public sealed record PurchaseState(
    PurchaseStep Step,
    string? HoldId = null,
    DateTimeOffset? HoldExpiresAt = null,
    int Quantity = 1,
    OrderDto? Order = null,
    int? WaitlistPosition = null,
    string? Problem = null,
    PaymentIntentDto? Payment = null)
{
    public const string LimitReached = "limit_reached";
    public const string NotLive = "not_live";
    public const string HoldExpired = "hold_expired";
    public const string PaymentFailed = "payment_failed";

    public static PurchaseState Idle { get; } = new(PurchaseStep.Idle);

    public static PurchaseState AfterReserve(ReserveResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            ReserveOutcome.Held => new(PurchaseStep.Held, result.HoldId, result.ExpiresAt, result.Quantity),
            ReserveOutcome.SoldOut => new(PurchaseStep.SoldOut),
            ReserveOutcome.LimitReached => new(PurchaseStep.Problem, Problem: LimitReached),
            _ => new(PurchaseStep.Problem, Problem: NotLive),
        };
    }

    public PurchaseState AfterCheckout(CheckoutResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            CheckoutOutcome.Confirmed => this with { Step = PurchaseStep.Confirmed, Order = result.Order },
            // The hold stays while it is paid: the card step (CardPayment) takes over, a decline included.
            CheckoutOutcome.PaymentRequired or CheckoutOutcome.RequiresAction when result.Payment is not null =>
                this with { Step = PurchaseStep.Held, Payment = result.Payment },
            CheckoutOutcome.PaymentFailed when result.Payment is not null => this with { Step = PurchaseStep.Held, Payment = result.Payment },
            CheckoutOutcome.PaymentFailed => new(PurchaseStep.Problem, Problem: PaymentFailed),
            _ => new(PurchaseStep.Problem, Problem: HoldExpired),
        };
    }

    /// <summary>Units released elsewhere were handed to this viewer from the waitlist.</summary>
    public static PurchaseState FromWaitlist(WaitlistHoldGranted granted)
    {
        ArgumentNullException.ThrowIfNull(granted);
        return new(PurchaseStep.Held, granted.HoldId, granted.ExpiresAt, granted.Quantity);
    }

    /// <summary>A hold whose time ran out (on the server's clock) can no longer be paid.</summary>
    public PurchaseState At(DateTimeOffset serverNow) =>
        Step == PurchaseStep.Held && HoldExpiresAt is { } expires && serverNow >= expires
            ? new(PurchaseStep.Problem, Problem: HoldExpired)
            : this;

    /// <summary>True while a Buy would start over (nothing in flight, nothing held, nothing bought).</summary>
    public bool CanBuy => Step is PurchaseStep.Idle or PurchaseStep.Problem;
}
