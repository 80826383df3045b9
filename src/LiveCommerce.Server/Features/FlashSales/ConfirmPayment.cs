using System.Globalization;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.FlashSales;

/// <summary>
/// The buyer confirms the hold's payment intent with a card. The hold must still be theirs and valid (else
/// HoldExpired, nothing charged); a declined card leaves the hold as it is, to try another card until it
/// expires; 3-D Secure answers RequiresAction; success settles the order (PaymentSettlement), unless a webhook
/// settled it first, in which case the same order is answered.
/// </summary>
public sealed record ConfirmPayment(Actor Actor, string IntentId, PaymentCard Card) : ICommand<CheckoutResult>, IValidated
{
    public void Validate(Validator v) => v.Require(TextRules.IsId(IntentId) && IntentId.Length <= 100, "intentId is not a payment id.", "intentId");
}

public sealed class ConfirmPaymentHandler(
    IFlashSaleInventory inventory,
    IPaymentProvider payments,
    PaymentSettlement settlement,
    IOptions<FlashSaleOptions> options,
    TimeProvider clock) : ICommandHandler<ConfirmPayment, CheckoutResult>
{
    public async ValueTask<CheckoutResult> Handle(ConfirmPayment command, CancellationToken ct)
    {
        command.Actor.RequireAccount("buy");
        var method = CardRules.Read(command.Card, clock.GetUtcNow());
        var (intent, hold) = await PaymentIntents.OwnAsync(payments, command.IntentId, command.Actor, ct);
        if (intent.Status == PaymentStatus.Succeeded)
        {
            return (await settlement.SettleAsync(intent, ct)).Result;
        }

        // Still the buyer's, still valid, and kept through the payment: else nothing is charged.
        var begin = await inventory.BeginCheckoutAsync(hold.HoldId, hold.BuyerId, hold.CheckoutKey, options.Value.PaymentGrace, ct);
        switch (begin.Outcome)
        {
            case BeginCheckoutOutcome.Expired:
                return new CheckoutResult(CheckoutOutcome.HoldExpired, null, "The hold expired or was released.", intent.ToDto(payments));
            case BeginCheckoutOutcome.AlreadySold:
                return (await settlement.SettleAsync(intent with { Status = PaymentStatus.Succeeded }, ct)).Result;
        }

        // One confirmation per card and intent: the same card sent twice is answered once.
        var confirmed = await payments.ConfirmAsync(intent.Id, method, CardRules.KeyOf(intent.Id, method), CancellationToken.None);
        return await PaymentIntents.AnswerAsync(confirmed, payments, settlement, ct);
    }
}

/// <summary>After the extra step (3-D Secure): the intent as the provider says now, settled if it succeeded.</summary>
public sealed record CompletePayment(Actor Actor, string IntentId) : ICommand<CheckoutResult>, IValidated
{
    public void Validate(Validator v) => v.Require(TextRules.IsId(IntentId) && IntentId.Length <= 100, "intentId is not a payment id.", "intentId");
}

public sealed class CompletePaymentHandler(IPaymentProvider payments, PaymentSettlement settlement) : ICommandHandler<CompletePayment, CheckoutResult>
{
    public async ValueTask<CheckoutResult> Handle(CompletePayment command, CancellationToken ct)
    {
        command.Actor.RequireAccount("buy");
        var (intent, _) = await PaymentIntents.OwnAsync(payments, command.IntentId, command.Actor, ct);
        return await PaymentIntents.AnswerAsync(intent, payments, settlement, ct);
    }
}

/// <summary>
/// The buyer answers the simulated 3-D Secure challenge (test mode only): approve or fail the authentication,
/// as a bank's page would. A live provider's challenge runs at the bank: <c>payment_not_found</c>.
/// </summary>
public sealed record AnswerTestChallenge(Actor Actor, string IntentId, bool Approve) : ICommand<PaymentIntentDto>, IValidated
{
    public void Validate(Validator v) => v.Require(TextRules.IsId(IntentId) && IntentId.Length <= 100, "intentId is not a payment id.", "intentId");
}

public sealed class AnswerTestChallengeHandler(IPaymentProvider payments) : ICommandHandler<AnswerTestChallenge, PaymentIntentDto>
{
    public async ValueTask<PaymentIntentDto> Handle(AnswerTestChallenge command, CancellationToken ct)
    {
        command.Actor.RequireAccount("buy");
        if (!payments.TestMode)
        {
            throw AppException.NotFound(ErrorCodes.PaymentNotFound, "There is no test challenge outside test mode.");
        }

        var (intent, _) = await PaymentIntents.OwnAsync(payments, command.IntentId, command.Actor, ct);
        return (await payments.AnswerTestChallengeAsync(intent.Id, command.Approve, ct)).ToDto(payments);
    }
}

/// <summary>What the buyer's calls share: finding their own intent, and answering what it became.</summary>
internal static class PaymentIntents
{
    public static async Task<(PaymentIntent Intent, (string HoldId, string BuyerId, string CheckoutKey) Hold)> OwnAsync(
        IPaymentProvider payments, string intentId, Actor actor, CancellationToken ct)
    {
        var intent = await payments.GetIntentAsync(intentId, ct);
        // Someone else's intent is answered as no intent at all: ids are not for probing.
        if (intent is null || PaymentSettlement.HoldOf(intent) is not { } hold || hold.BuyerId != actor.UserId)
        {
            throw AppException.NotFound(ErrorCodes.PaymentNotFound, "No such payment.");
        }

        return (intent, hold);
    }

    public static async Task<CheckoutResult> AnswerAsync(PaymentIntent intent, IPaymentProvider payments, PaymentSettlement settlement, CancellationToken ct) =>
        intent.Status switch
        {
            PaymentStatus.Succeeded => (await settlement.SettleAsync(intent, ct)).Result,
            PaymentStatus.RequiresAction => new CheckoutResult(CheckoutOutcome.RequiresAction, null, null, intent.ToDto(payments)),
            PaymentStatus.Processing => new CheckoutResult(CheckoutOutcome.PaymentRequired, null, null, intent.ToDto(payments)),
            PaymentStatus.RequiresPaymentMethod when intent.FailureCode is null => new CheckoutResult(CheckoutOutcome.PaymentRequired, null, null, intent.ToDto(payments)),
            _ => new CheckoutResult(CheckoutOutcome.PaymentFailed, null, intent.FailureCode ?? "card_declined", intent.ToDto(payments)),
        };
}

/// <summary>The shape of a card (test mode sends the card itself): refused with <c>invalid_card</c> on the field that is wrong.</summary>
public static class CardRules
{
    public static PaymentMethodInput Read(PaymentCard? card, DateTimeOffset now)
    {
        if (card?.PaymentMethodId is { Length: > 0 } pm)
        {
            return TextRules.IsId(pm) && pm.Length <= 100
                ? new PaymentMethodInput(null, 0, 0, null, pm)
                : throw AppException.ForField(ErrorCodes.InvalidCard, "cardNumber", "That is not a payment method.");
        }

        var number = new string((card?.Number ?? "").Where(c => c != ' ' && c != '-').ToArray());
        if (number.Length is < 12 or > 19 || !number.All(char.IsAsciiDigit) || !Luhn(number))
        {
            throw AppException.ForField(ErrorCodes.InvalidCard, "cardNumber", "The card number is not valid.");
        }

        var expiry = (card!.Expiry ?? "").Replace(" ", "", StringComparison.Ordinal).Split('/');
        if (expiry is not [var mm, var yy] || !int.TryParse(mm, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(yy, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || month is < 1 or > 12 || yy.Length is not (2 or 4))
        {
            throw AppException.ForField(ErrorCodes.InvalidCard, "expiry", "The expiry date is not MM/YY.");
        }

        year = yy.Length == 2 ? 2000 + year : year;
        if (year < now.Year || (year == now.Year && month < now.Month))
        {
            throw AppException.ForField(ErrorCodes.InvalidCard, "expiry", "The card has expired.");
        }

        if (card.Cvc is not { Length: 3 or 4 } cvc || !cvc.All(char.IsAsciiDigit))
        {
            throw AppException.ForField(ErrorCodes.InvalidCard, "cvc", "The CVC is 3 or 4 digits.");
        }

        return new PaymentMethodInput(number, month, year, cvc, null);
    }

    /// <summary>The confirmation's idempotency key: the intent and the card (never the card number itself).</summary>
    public static string KeyOf(string intentId, PaymentMethodInput method)
    {
        var card = method.PaymentMethodId ?? $"{method.CardNumber}|{method.ExpiryMonth}|{method.ExpiryYear}|{method.Cvc}";
        return $"confirm:{intentId}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(intentId + "|" + card)))[..24]}";
    }

    public static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
