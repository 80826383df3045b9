namespace LiveCommerce.Contracts;

/// <summary>
/// Stable error codes. Hub errors arrive as a HubException whose message starts with
/// <c>"&lt;code&gt;: "</c>; HTTP errors as ProblemDetails with an <c>code</c> extension.
/// </summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string StreamNotFound = "stream_not_found";
    public const string InvalidTransition = "invalid_transition";

    /// <summary>The encoder's stream key is wrong, rotated, or another stream's.</summary>
    public const string InvalidStreamKey = "invalid_stream_key";

    /// <summary>Another encoder is already publishing this stream (the second one is refused).</summary>
    public const string AlreadyPublishing = "already_publishing";

    /// <summary>The server runs without a video engine: no ingest (the demo clip plays instead).</summary>
    public const string NoVideoEngine = "no_video_engine";

    /// <summary>A media-engine callback without the shared secret.</summary>
    public const string EngineCallbackRefused = "engine_callback_refused";
    public const string NotOwner = "not_owner";
    public const string ShareLinkNotFound = "share_link_not_found";
    public const string ShareTouchesClaimed = "share_touches_claimed";
    public const string SignInRequired = "sign_in_required";
    public const string OrderNotFound = "order_not_found";
    public const string ExportLinkExpired = "export_link_expired";
    public const string Forbidden = "forbidden";
    public const string Unauthenticated = "unauthenticated";
    public const string InvalidLastSeq = "invalid_last_seq";
    public const string NotInStream = "not_in_stream";

    /// <summary>A purchase named a stream this connection has not joined (<c>JoinStream</c>).</summary>
    public const string NotWatching = "not_watching";
    public const string UnknownUser = "unknown_user";
    public const string RateLimited = "rate_limited";
    public const string Unavailable = "unavailable";
    public const string ProductNotFound = "product_not_found";
    public const string InvalidCurrency = "invalid_currency";
    public const string NotPartnered = "not_partnered";
    public const string PartnershipNotFound = "partnership_not_found";

    /// <summary>The host accepted terms the brand has replaced since the host read them: read them again.</summary>
    public const string TermsChanged = "terms_changed";
    public const string NotInShowcase = "not_in_showcase";
    public const string TooManyPins = "too_many_pins";
    public const string TooManySales = "too_many_sales";
    public const string AlreadyPinned = "already_pinned";
    public const string NotPinned = "not_pinned";
    public const string StreamNotLive = "stream_not_live";
    public const string MediaTooLarge = "media_too_large";
    public const string MediaNotImage = "media_not_image";
    public const string MediaInvalidName = "media_invalid_name";
    public const string MediaNotFound = "media_not_found";
    public const string ReplayNotFound = "replay_not_found";
    public const string ReplayVideoPending = "replay_video_pending";
    public const string ReplayVideoFailed = "replay_video_failed";
    public const string MediaUnavailable = "media_unavailable";
    public const string CommentEmpty = "comment_empty";
    public const string CommentTooLong = "comment_too_long";
    public const string BlockedWord = "blocked_word";
    public const string SlowMode = "slow_mode";
    public const string TimedOut = "timed_out";
    public const string Banned = "banned";
    public const string CommentNotFound = "comment_not_found";
    public const string InvalidReaction = "invalid_reaction";
    public const string StreamEnded = "stream_ended";
    public const string SaleNotFound = "sale_not_found";
    public const string SaleNotEditable = "sale_not_editable";
    public const string SaleEnded = "sale_ended";
    public const string InvalidQuantity = "invalid_quantity";
    public const string QuantityBelowCommitted = "quantity_below_committed";
    public const string UnsupportedCurrency = "unsupported_currency";
    public const string CurrencyMismatch = "currency_mismatch";
    public const string HoldNotFound = "hold_not_found";
    public const string NotYourHold = "not_your_hold";
    public const string CheckoutReplayed = "checkout_replayed";
    public const string CheckoutInProgress = "checkout_in_progress";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string NotSoldOut = "not_sold_out";
    public const string SaleNotLive = "sale_not_live";
    public const string LimitReached = "limit_reached";

    // Buy-now items, brand orders and refunds (issue 25).
    /// <summary>The product has variants: the buyer must pick one.</summary>
    public const string VariantRequired = "variant_required";

    /// <summary>The variant is not one of the product's (another product's, or made up).</summary>
    public const string VariantNotFound = "variant_not_found";

    /// <summary>The order was refunded before: nothing more happens.</summary>
    public const string AlreadyRefunded = "already_refunded";

    /// <summary>Another request is refunding the order right now; ask again in a moment.</summary>
    public const string RefundInProgress = "refund_in_progress";

    /// <summary>Brands own prices and schedule sales; a host launches the sales brands scheduled on their streams.</summary>
    public const string BrandsScheduleSales = "brands_schedule_sales";

    // Accounts (issue 23): sign-up, sign-in, sessions, teams.
    public const string WeakPassword = "weak_password";
    public const string InvalidCredentials = "invalid_credentials";
    public const string LockedOut = "locked_out";
    public const string EmailNotConfirmed = "email_not_confirmed";
    public const string TwoFactorRequired = "two_factor_required";
    public const string InvalidTwoFactorCode = "invalid_two_factor_code";
    public const string InvalidLink = "invalid_link";
    public const string InvalidRefreshToken = "invalid_refresh_token";
    public const string RefreshTokenReused = "refresh_token_reused";
    public const string HandleTaken = "handle_taken";
    public const string AccountSuspended = "account_suspended";
    public const string BrandNotFound = "brand_not_found";
    public const string NotMember = "not_member";
    public const string RoleTooLow = "role_too_low";
    public const string InvitationNotFound = "invitation_not_found";
    public const string InvitationWrongAccount = "invitation_wrong_account";
    public const string LastOwner = "last_owner";

    // Brand catalog and partnerships (issue 25).

    /// <summary>A commission rate outside what a partnership allows (a percentage, 1–80, at most 2 decimals).</summary>
    public const string InvalidCommissionRate = "invalid_commission_rate";

    // Operator console (issue 25).
    /// <summary>Only a platform admin (Accounts:Admins) does this.</summary>
    public const string AdminOnly = "admin_only";

    /// <summary>An admin cannot suspend themselves or another admin (admins are set in configuration).</summary>
    public const string CannotSuspendAdmin = "cannot_suspend_admin";

    // Host studio (issue 25).
    /// <summary>A stream scheduled (or moved) to a time already past (field <c>scheduledStart</c>).</summary>
    public const string StartsInPast = "starts_in_past";

    /// <summary>No account has that handle or email (field <c>handle</c>), e.g. naming a moderator.</summary>
    public const string AccountNotFound = "account_not_found";

    // Payments (issue 27).
    /// <summary>A card of the wrong shape (field <c>cardNumber</c>, <c>expiry</c> or <c>cvc</c>): nothing was charged.</summary>
    public const string InvalidCard = "invalid_card";

    /// <summary>No such payment intent (or not the caller's, or the simulated challenge outside test mode).</summary>
    public const string PaymentNotFound = "payment_not_found";

    /// <summary>A webhook whose signature is missing, wrong or too old: nothing changed.</summary>
    public const string WebhookSignatureInvalid = "webhook_signature_invalid";

    /// <summary>A webhook for a provider this node does not run.</summary>
    public const string PaymentProviderUnknown = "payment_provider_unknown";

    /// <summary>A refund above what was paid (field <c>amount</c>): nothing was refunded.</summary>
    public const string RefundExceedsPaid = "refund_exceeds_paid";

    /// <summary>A refund amount of zero or less (field <c>amount</c>).</summary>
    public const string InvalidAmount = "invalid_amount";
    // Addresses and landed cost (issue 27).
    /// <summary>A required address field is empty (the field is named in <c>fields</c>).</summary>
    public const string AddressFieldRequired = "address_field_required";

    /// <summary>An address field is too long or holds control/markup characters.</summary>
    public const string AddressFieldInvalid = "address_field_invalid";

    /// <summary>The postal code does not have the destination country's shape (field <c>postalCode</c>).</summary>
    public const string PostalCodeInvalid = "postal_code_invalid";

    /// <summary>A country the address book does not know (field <c>country</c>).</summary>
    public const string CountryNotSupported = "country_not_supported";

    /// <summary>The buyer already keeps the most addresses allowed.</summary>
    public const string TooManyAddresses = "too_many_addresses";

    /// <summary>No such address in the caller's own book (someone else's id reads the same).</summary>
    public const string AddressNotFound = "address_not_found";

    /// <summary>The product (or its brand) does not ship to the buyer's country.</summary>
    public const string DoesNotShipToCountry = "does_not_ship_to_country";

    /// <summary>A quote or checkout needs to know where the order goes (field <c>addressId</c>).</summary>
    public const string AddressRequired = "address_required";

    /// <summary>A brand's shipping settings do not hold together (zones, countries, fees).</summary>
    public const string InvalidShippingPolicy = "invalid_shipping_policy";
    // Fulfilment and returns (issue 27).
    /// <summary>An order (or shipment) change that its status does not allow, e.g. shipping what is not packed.</summary>
    public const string InvalidOrderTransition = "invalid_order_transition";

    /// <summary>Someone else changed the order (or shipment) at the same moment: read it again and retry.</summary>
    public const string OrderChanged = "order_changed";

    /// <summary>A return asked after the brand's return window closed (or before the order was delivered).</summary>
    public const string ReturnWindowClosed = "return_window_closed";

    /// <summary>A brand's return window outside 0 to 365 days (field <c>returnWindowDays</c>): nothing was saved.</summary>
    public const string InvalidReturnWindow = "invalid_return_window";

    public const string ShipmentNotFound = "shipment_not_found";
    public const string ReturnNotFound = "return_not_found";

    /// <summary>
    /// The code inside a hub error. SignalR clients see the server's HubException message as
    /// "An unexpected error occurred invoking 'X' on the server. HubException: code: message".
    /// </summary>
    public static string? FromHubError(string message)
    {
        const string marker = "HubException: ";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        start = start < 0 ? 0 : start + marker.Length;
        var end = message.IndexOf(':', start);
        return end > start ? message[start..end] : null;
    }
}
