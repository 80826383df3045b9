using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.FlashSales;
using LiveCommerce.Server.Infrastructure.Payments;

namespace LiveCommerce.UnitTests.Payments;

/// <summary>The card's shape, the simulated webhook signature, and Stripe's minor units: no I/O.</summary>
public sealed class PaymentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static string? CodeAndField(PaymentCard card)
    {
        var e = Assert.Throws<AppException>(() => CardRules.Read(card, Now));
        Assert.Equal(ErrorCodes.InvalidCard, e.Code);
        return e.Fields.Keys.Single();
    }

    [Theory]
    [InlineData(TestCards.Succeeds)]
    [InlineData(TestCards.Declined)]
    [InlineData(TestCards.ThreeDSecure)]
    [InlineData("4242-4242-4242-4242")]
    public void The_test_cards_have_a_valid_shape(string number)
    {
        var card = CardRules.Read(new PaymentCard(number, "12/26", "123"), Now);
        Assert.Equal((16, 12, 2026), (card.CardNumber!.Length, card.ExpiryMonth, card.ExpiryYear));
    }

    [Theory]
    [InlineData("4242 4242 4242 4241", "12/30", "123", "cardNumber")] // fails Luhn
    [InlineData("4242", "12/30", "123", "cardNumber")]
    [InlineData("4242 4242 4242 424x", "12/30", "123", "cardNumber")]
    [InlineData(null, "12/30", "123", "cardNumber")]
    [InlineData(TestCards.Succeeds, "13/30", "123", "expiry")]
    [InlineData(TestCards.Succeeds, "11/26", "123", "expiry")] // last month
    [InlineData(TestCards.Succeeds, "1230", "123", "expiry")]
    [InlineData(TestCards.Succeeds, "12/30", "12", "cvc")]
    [InlineData(TestCards.Succeeds, "12/30", "12a", "cvc")]
    public void A_card_of_the_wrong_shape_is_refused_on_its_field(string? number, string expiry, string cvc, string field) =>
        Assert.Equal(field, CodeAndField(new PaymentCard(number, expiry, cvc)));

    [Fact]
    public void This_months_card_is_still_valid_and_a_payment_method_id_needs_no_card()
    {
        Assert.Equal(12, CardRules.Read(new PaymentCard(TestCards.Succeeds, "12/2026", "1234"), Now).ExpiryMonth);
        Assert.Equal("pm_card_visa", CardRules.Read(new PaymentCard(null, null, null, "pm_card_visa"), Now).PaymentMethodId);
    }

    [Fact]
    public void The_confirmation_key_names_the_intent_and_card_but_never_the_number()
    {
        var card = CardRules.Read(new PaymentCard(TestCards.Succeeds, "12/30", "123"), Now);
        var key = CardRules.KeyOf("pi_1", card);
        Assert.StartsWith("confirm:pi_1:", key, StringComparison.Ordinal);
        Assert.DoesNotContain("4242", key, StringComparison.Ordinal);
        Assert.Equal(key, CardRules.KeyOf("pi_1", card));
        Assert.NotEqual(key, CardRules.KeyOf("pi_1", CardRules.Read(new PaymentCard(TestCards.Declined, "12/30", "123"), Now)));
    }

    [Fact]
    public void A_simulated_webhook_signature_checks_the_secret_the_payload_and_the_age()
    {
        const string payload = "{\"id\":\"evt_1\"}";
        var header = SimulatedWebhookSignature.Sign(payload, "whsec_a", Now);
        var tolerance = TimeSpan.FromMinutes(5);
        Assert.True(SimulatedWebhookSignature.IsValid(payload, header, "whsec_a", Now.AddMinutes(4), tolerance));
        Assert.False(SimulatedWebhookSignature.IsValid(payload, header, "whsec_b", Now, tolerance));
        Assert.False(SimulatedWebhookSignature.IsValid(payload + " ", header, "whsec_a", Now, tolerance));
        Assert.False(SimulatedWebhookSignature.IsValid(payload, header, "whsec_a", Now.AddMinutes(6), tolerance));
        Assert.False(SimulatedWebhookSignature.IsValid(payload, null, "whsec_a", Now, tolerance));
        Assert.False(SimulatedWebhookSignature.IsValid(payload, "t=abc,v1=00", "whsec_a", Now, tolerance));
        Assert.False(SimulatedWebhookSignature.IsValid(payload, header, "", Now, tolerance)); // no secret: nothing is valid
    }

    [Fact]
    public void Stripe_counts_in_minor_units_except_zero_decimal_currencies()
    {
        Assert.Equal(1250, StripePaymentProvider.ToMinor(12.50m, "USD"));
        Assert.Equal(1500, StripePaymentProvider.ToMinor(1500m, "JPY"));
        Assert.Equal(12.50m, StripePaymentProvider.FromMinor(1250, "usd"));
        Assert.Equal(1500m, StripePaymentProvider.FromMinor(1500, "jpy"));
    }
}
