using System.Net;
using LiveCommerce.Contracts;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static LiveCommerce.IntegrationTests.Security.Outcome;

namespace LiveCommerce.IntegrationTests.Security;

public enum Outcome
{
    /// <summary>2xx / the hub call returns.</summary>
    Ok,

    /// <summary>Reachable without the right role: anything but 401/403/5xx (e.g. 404 for content that is not there).</summary>
    Public,

    /// <summary>401 / the hub refuses the connection.</summary>
    Unauth,

    /// <summary>403, or a hub error <c>forbidden</c> / <c>not_owner</c> / <c>not_your_hold</c>.</summary>
    Denied,
}

/// <summary>
/// Guarantee 5 ("only the owner acts") as a table: every hub method and every endpoint, found by
/// reflection, against every role and ownership case. A method or endpoint without a row fails the
/// test, so a new one cannot ship without someone deciding who may call it.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.MatrixNode node) : IClassFixture<AuthorizationMatrixTests.MatrixNode>
{
    /// <summary>The callers, in table column order. Owners own the <see cref="World"/>'s stream (mia) and product (glow).</summary>
    public static readonly (string Name, string? Handle)[] Roles =
    [
        ("anonymous", null), ("viewer", "sam"), ("host-owner", "mia"), ("host-other", "leo"),
        ("brand-owner", "glow"), ("brand-other", "kite"), ("admin", "admin"),
    ];

    private static Outcome[] R(params Outcome[] byRole) => byRole;

    //                                                           anon    viewer  host    host2   brand   brand2  admin
    private static readonly Dictionary<string, Outcome[]> Hub = new()
    {
        [nameof(ILiveHub.JoinStream)] =                        R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        [nameof(ILiveHub.LeaveStream)] =                       R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        [nameof(ILiveHub.StartStream)] =                       R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        [nameof(ILiveHub.EndStream)] =                         R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        [nameof(ILiveHub.PinProduct)] =                        R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        [nameof(ILiveHub.UnpinProduct)] =                      R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        // Comments: anyone signed in talks; the host (and admins) moderate.
        [nameof(ILiveHub.SendComment)] =                       R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        [nameof(ILiveHub.React)] =                             R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        [nameof(ILiveHub.DeleteComment)] =                     R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        [nameof(ILiveHub.SetSlowMode)] =                       R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        [nameof(ILiveHub.TimeoutViewer)] =                     R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        [nameof(ILiveHub.BanViewer)] =                         R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        [nameof(ILiveHub.UnbanViewer)] =                       R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        [nameof(ILiveHub.PinAnnouncement)] =                   R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        [nameof(ILiveHub.UnpinAnnouncement)] =                 R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        [nameof(ILiveHub.MarkQuestion)] =                      R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        [nameof(ILiveHub.GetQuestions)] =                      R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        // Flash sales: anyone signed in buys; a hold is its buyer's (the World's hold is sam's); the stream's host launches.
        [nameof(ILiveHub.Reserve)] =                           R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        [nameof(ILiveHub.JoinWaitlist)] =                      R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        // Buy now at list price: anyone signed in, of a product pinned in the stream they watch.
        [nameof(ILiveHub.ReserveItem)] =                       R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        [nameof(ILiveHub.Checkout)] =                          R(Unauth, Ok,     Denied, Denied, Denied, Denied, Denied),
        [nameof(ILiveHub.CheckoutIn)] =                        R(Unauth, Ok,     Denied, Denied, Denied, Denied, Denied),
        [nameof(ILiveHub.CheckoutTo)] =                        R(Unauth, Ok,     Denied, Denied, Denied, Denied, Denied),
        [nameof(ILiveHub.ReleaseHold)] =                       R(Unauth, Ok,     Denied, Denied, Denied, Denied, Denied),
        // A payment intent is its buyer's: anyone else is told there is no such payment (ids are not for probing).
        [nameof(ILiveHub.ConfirmPayment)] =                    R(Unauth, Ok,     Public, Public, Public, Public, Public),
        [nameof(ILiveHub.CompletePayment)] =                   R(Unauth, Ok,     Public, Public, Public, Public, Public),
        [nameof(ILiveHub.LaunchFlashSale)] =                   R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
    };

    //                                                           anon    viewer  host    host2   brand   brand2  admin
    private static readonly Dictionary<string, Outcome[]> Http = new()
    {
        ["GET /api/auth/me"] =                                 R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["POST /api/auth/guest"] =                             R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        // Dev sign-in is off here, as in production: there is no such door (404).
        ["POST /api/auth/dev-login"] =                         R(Public, Public, Public, Public, Public, Public, Public),
        ["GET /api/auth/demo-accounts"] =                      R(Public, Public, Public, Public, Public, Public, Public),
        // Accounts. Sign-up, sign-in and recovery are open to anyone; their samples carry wrong secrets
        // (a bad password, no refresh token, a made-up link), so they answer 401 or 400 whoever calls.
        ["POST /api/auth/register"] =                          R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["POST /api/auth/confirm-email"] =                     R(Public, Public, Public, Public, Public, Public, Public),
        ["POST /api/auth/login"] =                             R(Unauth, Unauth, Unauth, Unauth, Unauth, Unauth, Unauth),
        ["POST /api/auth/refresh"] =                           R(Unauth, Unauth, Unauth, Unauth, Unauth, Unauth, Unauth),
        ["POST /api/auth/logout"] =                            R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["POST /api/auth/forgot-password"] =                   R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["POST /api/auth/reset-password"] =                    R(Public, Public, Public, Public, Public, Public, Public),
        // The account itself: its owner only, whoever that is; re-entering a wrong password is a 401.
        ["GET /api/me/"] =                                     R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["PATCH /api/me/"] =                                   R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["DELETE /api/me/"] =                                  R(Unauth, Unauth, Unauth, Unauth, Unauth, Unauth, Unauth),
        ["GET /api/me/export"] =                               R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["POST /api/me/password"] =                            R(Unauth, Unauth, Unauth, Unauth, Unauth, Unauth, Unauth),
        ["POST /api/me/two-factor"] =                          R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["POST /api/me/two-factor/enable"] =                   R(Unauth, Public, Public, Public, Public, Public, Public),
        ["POST /api/me/two-factor/disable"] =                  R(Unauth, Public, Public, Public, Public, Public, Public),
        ["PUT /api/me/host-profile"] =                         R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        // Brand teams: any account founds a brand; its members see the team, its owner manages it; an admin is no member.
        ["POST /api/brands/"] =                                R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["GET /api/brands/{id}/members"] =                     R(Unauth, Denied, Denied, Denied, Ok,     Denied, Denied),
        ["POST /api/brands/{id}/members"] =                    R(Unauth, Denied, Denied, Denied, Ok,     Denied, Denied),
        ["DELETE /api/brands/{id}/members/{userId}"] =         R(Unauth, Denied, Denied, Denied, Public, Denied, Denied),
        ["POST /api/invitations/accept"] =                     R(Unauth, Public, Public, Public, Public, Public, Public),
        ["GET /api/streams/"] =                                R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["GET /api/streams/{id}"] =                            R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["POST /api/streams/"] =                               R(Unauth, Denied, Ok,     Ok,     Denied, Denied, Ok),
        ["PUT /api/streams/{id}"] =                            R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["POST /api/streams/{id}/start"] =                     R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["POST /api/streams/{id}/end"] =                       R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        // The studio: a host's own list (viewers and brands have none), and calling a stream off before it starts.
        ["GET /api/streams/mine"] =                            R(Unauth, Denied, Ok,     Ok,     Denied, Denied, Ok),
        ["POST /api/streams/{id}/cancel"] =                    R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        // Ingest: the host's (and an admin's) key; this node has no engine, so a rotation is a 409 for them.
        ["GET /api/streams/{id}/ingest/"] =                    R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["POST /api/streams/{id}/ingest/rotate"] =             R(Unauth, Denied, Public, Denied, Denied, Denied, Public),
        // The media engine's callbacks: its shared secret is the authorization, which no caller here has.
        ["POST /api/video/engine/{callback}"] =                R(Denied, Denied, Denied, Denied, Denied, Denied, Denied),
        // The studio's camera (a WebSocket): who may publish is decided before the upgrade; a plain request from them is malformed (400).
        ["* /api/streams/{id}/ingest/browser"] =               R(Unauth, Denied, Public, Denied, Denied, Denied, Public),
        ["GET /api/streams/{id}/showcase/"] =                  R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["PUT /api/streams/{id}/showcase/"] =                  R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["GET /api/streams/{id}/replay"] =                     R(Public, Public, Public, Public, Public, Public, Public),
        // The recording, as public as the replay it belongs to (404 here: the sample stream has no recording).
        ["GET /api/streams/{id}/replay/video"] =               R(Public, Public, Public, Public, Public, Public, Public),
        ["HEAD /api/streams/{id}/replay/video"] =              R(Public, Public, Public, Public, Public, Public, Public),
        ["POST /api/streams/{id}/announcement"] =              R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["DELETE /api/streams/{id}/announcement"] =            R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["GET /api/streams/{id}/questions"] =                  R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["POST /api/streams/{id}/comments/{commentId}/question"] = R(Unauth, Denied, Ok,  Denied, Denied, Denied, Ok),
        ["DELETE /api/streams/{id}/comments/{commentId}"] =    R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["GET /api/streams/{id}/moderators"] =                 R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["PUT /api/streams/{id}/moderators/{userId}"] =        R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["POST /api/streams/{id}/moderators"] =                R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["GET /api/streams/{id}/team"] =                       R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["DELETE /api/streams/{id}/moderators/{userId}"] =     R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["DELETE /api/streams/{id}/bans/{userId}"] =           R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["GET /api/streams/{id}/blocked-words"] =              R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["PUT /api/streams/{id}/blocked-words"] =              R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["GET /api/brands/{brandId}/blocked-words"] =          R(Unauth, Denied, Denied, Denied, Ok,     Denied, Ok),
        ["PUT /api/brands/{brandId}/blocked-words"] =          R(Unauth, Denied, Denied, Denied, Ok,     Denied, Ok),
        ["GET /api/products/"] =                               R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["GET /api/products/{id}"] =                           R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["POST /api/products/"] =                              R(Unauth, Denied, Denied, Denied, Ok,     Ok,     Denied),
        ["PUT /api/products/{id}"] =                           R(Unauth, Denied, Denied, Denied, Ok,     Denied, Ok),
        ["POST /api/streams/{id}/cover"] =                     R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        ["POST /api/products/{id}/images"] =                   R(Unauth, Denied, Denied, Denied, Ok,     Denied, Ok),
        ["GET /api/products/{id}/variants"] =                  R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["PUT /api/products/{id}/variants"] =                  R(Unauth, Denied, Denied, Denied, Ok,     Denied, Ok),
        // A host's showcase source: only hosts have partnered catalogs (another host simply finds fewer products).
        ["GET /api/catalog/partnered"] =                       R(Unauth, Denied, Ok,     Ok,     Denied, Denied, Denied),
        // Admins moderate streams and products; partnerships and new products are a brand's (and its host's) own business.
        ["GET /api/partnerships/"] =                           R(Unauth, Denied, Ok,     Ok,     Ok,     Ok,     Denied),
        ["PUT /api/partnerships/"] =                           R(Unauth, Denied, Denied, Denied, Ok,     Ok,     Denied),
        // Consent is the named host's own (another host has no proposal from glow: 404); either side ends it.
        ["POST /api/partnerships/{brandId}/accept"] =          R(Unauth, Denied, Ok,     Public, Denied, Denied, Denied),
        ["POST /api/partnerships/{brandId}/{hostId}/end"] =    R(Unauth, Denied, Ok,     Denied, Ok,     Denied, Denied),
        // Flash sales: any brand (or admin) schedules; only the creating brand (or admin) changes; a host of its stream launches.
        // The list needs ?streamId= (optional, so the generic request leaves it out and gets 404 stream_not_found).
        ["GET /api/flash-sales/"] =                            R(Public, Public, Public, Public, Public, Public, Public),
        ["GET /api/flash-sales/{id}"] =                        R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["POST /api/flash-sales/"] =                           R(Unauth, Denied, Denied, Denied, Ok,     Denied, Ok),
        ["PUT /api/flash-sales/{id}"] =                        R(Unauth, Denied, Denied, Denied, Ok,     Denied, Ok),
        ["PUT /api/flash-sales/{id}/quantity"] =               R(Unauth, Denied, Denied, Denied, Ok,     Denied, Ok),
        ["POST /api/flash-sales/{id}/cancel"] =                R(Unauth, Denied, Denied, Denied, Ok,     Denied, Ok),
        ["POST /api/flash-sales/{id}/launch"] =                R(Unauth, Denied, Ok,     Denied, Denied, Denied, Ok),
        // A caller sees only their own orders.
        ["GET /api/orders/mine"] =                             R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        // A brand's orders: its members (each brand its own); an admin names the brand (400 without it).
        ["GET /api/orders/brand"] =                            R(Unauth, Denied, Denied, Denied, Ok,     Ok,     Public),
        // Orders with a life (issue 27): an order is its buyer's (and its brand's): for anyone else it does not exist (404),
        // like the generic request's order, which nobody has.
        ["GET /api/orders/{id}"] =                             R(Unauth, Public, Public, Public, Public, Public, Public),
        ["POST /api/orders/{id}/return"] =                     R(Unauth, Public, Public, Public, Public, Public, Public),
        // Fulfilment: a brand's members, each their own brand's; an admin names the brand (400 without it). Shipments,
        // orders and returns in the generic request do not exist (404) for those who may act on them.
        ["GET /api/fulfilment/queue"] =                        R(Unauth, Denied, Denied, Denied, Ok,     Ok,     Public),
        ["GET /api/brands/{id}/fulfilment"] =                  R(Unauth, Denied, Denied, Denied, Ok,     Denied, Ok),
        ["GET /api/fulfilment/export.csv"] =                   R(Unauth, Denied, Denied, Denied, Ok,     Ok,     Public),
        ["GET /api/fulfilment/shipments/{id}/packing-list"] =  R(Unauth, Denied, Denied, Denied, Public, Public, Public),
        ["POST /api/fulfilment/shipments/{id}/pack"] =         R(Unauth, Denied, Denied, Denied, Public, Public, Public),
        ["POST /api/fulfilment/shipments/{id}/ship"] =         R(Unauth, Denied, Denied, Denied, Public, Public, Public),
        ["POST /api/fulfilment/shipments/{id}/deliver"] =      R(Unauth, Denied, Denied, Denied, Public, Public, Public),
        ["POST /api/fulfilment/orders/{id}/cancel"] =          R(Unauth, Denied, Denied, Denied, Public, Public, Public),
        ["POST /api/returns/{id}/approve"] =                   R(Unauth, Denied, Denied, Denied, Public, Public, Public),
        ["POST /api/returns/{id}/refuse"] =                    R(Unauth, Denied, Denied, Denied, Public, Public, Public),
        // What can be bought of a product now, per variant: public, like the product.
        ["GET /api/products/{id}/buy-now"] =                   R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        // Attribution: hosts make share links (of their own streams); anyone may follow one.
        ["POST /api/share-links"] =                            R(Unauth, Denied, Ok,     Denied, Denied, Denied, Denied),
        ["GET /api/share-links/{code}"] =                      R(Public, Public, Public, Public, Public, Public, Public),
        ["GET /api/share-links/{code}/qr.png"] =               R(Public, Public, Public, Public, Public, Public, Public),
        ["GET /s/{code}"] =                                    R(Public, Public, Public, Public, Public, Public, Public),
        ["POST /api/share-links/claim"] =                      R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        // Refunds: brands and admins (the order in the generic request does not exist: 404).
        ["POST /api/orders/{id}/refund"] =                     R(Unauth, Denied, Denied, Denied, Public, Public, Public),
        // Webhooks: the provider's signature is the authorization; unsigned, everyone is refused (400 webhook_signature_invalid).
        ["POST /api/payments/webhooks/{provider}"] =           R(Public, Public, Public, Public, Public, Public, Public),
        // The simulated 3-D Secure step: the intent's buyer only (others: payment_not_found).
        ["POST /api/payments/test-challenge/{intentId}"] =     R(Unauth, Ok,     Public, Public, Public, Public, Public),
        // The operator console: admins only (admin_only), checked before the request is read. The
        // account suspended is nobody (404): suspending a cast member would lock them out of later worlds.
        ["GET /api/admin/search"] =                            R(Unauth, Denied, Denied, Denied, Denied, Denied, Public),
        ["GET /api/admin/readiness"] =                         R(Unauth, Denied, Denied, Denied, Denied, Denied, Ok),
        ["POST /api/admin/accounts/{id}/suspend"] =            R(Unauth, Denied, Denied, Denied, Denied, Denied, Public),
        ["POST /api/admin/accounts/{id}/unsuspend"] =          R(Unauth, Denied, Denied, Denied, Denied, Denied, Public),
        ["POST /api/admin/streams/{id}/takedown"] =            R(Unauth, Denied, Denied, Denied, Denied, Denied, Ok),
        ["GET /api/audit"] =                                   R(Unauth, Denied, Denied, Denied, Denied, Denied, Ok),
        // Reports: each sees their own; the generic request names no date range, so the allowed roles get 400.
        ["GET /api/reports/influencer"] =                      R(Unauth, Denied, Public, Public, Denied, Denied, Public),
        ["GET /api/reports/brand"] =                           R(Unauth, Denied, Denied, Denied, Public, Public, Public),
        ["POST /api/reports/{kind}/export"] =                  R(Unauth, Denied, Public, Public, Public, Public, Public),
        // The signed link is the authorization: without a valid signature everyone is refused.
        ["GET /api/reports/exports/{file}"] =                  R(Denied, Denied, Denied, Denied, Denied, Denied, Denied),
        // Addresses: each caller's own book (the generic id is nobody's: 404). Brand shipping: readable by anyone
        // signed in (the quote shows its fees anyway), set by the brand's managers. Quotes and ships-to checks: anyone signed in.
        ["GET /api/me/addresses/"] =                           R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["POST /api/me/addresses/"] =                          R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["PUT /api/me/addresses/{id}"] =                       R(Unauth, Public, Public, Public, Public, Public, Public),
        ["DELETE /api/me/addresses/{id}"] =                    R(Unauth, Public, Public, Public, Public, Public, Public),
        ["GET /api/brands/{brandId}/shipping/"] =              R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["PUT /api/brands/{brandId}/shipping/"] =              R(Unauth, Denied, Denied, Denied, Ok,     Denied, Ok),
        ["POST /api/checkout/quote"] =                         R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["GET /api/shipping/products/{id}"] =                  R(Unauth, Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["GET /api/fx/convert"] =                              R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["GET /api/fx/currencies"] =                           R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["GET /video/demo/live.m3u8"] =                        R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["GET /video/demo/{n:long:min(0)}.ts"] =               R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        // Pages the server renders: the watch page's first screen (the app shell for an unknown id) and the offline page.
        ["GET /watch/{id}"] =                                  R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["GET /offline"] =                                     R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["GET /media/{**name}"] =                              R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["HEAD /media/{**name}"] =                             R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        // The Prometheus scrape: no account, but only a scraper on the node's own networks (MetricsTests).
        ["* /metrics"] =                                       R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["* /health/live"] =                                   R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["* /health/ready"] =                                  R(Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok),
        ["* /hubs/live/negotiate"] =                           R(Unauth, Public, Public, Public, Public, Public, Public),
        // The WebSocket endpoint itself; a plain request is refused before sign-in, malformed after.
        ["* /hubs/live"] =                                     R(Unauth, Public, Public, Public, Public, Public, Public),
        ["GET /{*path:nonfile}"] =                             R(Public, Public, Public, Public, Public, Public, Public),
        ["HEAD /{*path:nonfile}"] =                            R(Public, Public, Public, Public, Public, Public, Public),
    };

    /// <summary>Calls that need the world in another state than "live, nothing pinned" to succeed.</summary>
    private static readonly Dictionary<string, WorldShape> Needs = new()
    {
        [nameof(ILiveHub.StartStream)] = WorldShape.Upcoming,
        ["POST /api/streams/{id}/start"] = WorldShape.Upcoming,
        ["POST /api/streams/{id}/cancel"] = WorldShape.Upcoming,
        [nameof(ILiveHub.UnpinProduct)] = WorldShape.Pinned,
        [nameof(ILiveHub.ReserveItem)] = WorldShape.Pinned,
        [nameof(ILiveHub.ConfirmPayment)] = WorldShape.Paying,
        [nameof(ILiveHub.CompletePayment)] = WorldShape.Paying,
        ["POST /api/payments/test-challenge/{intentId}"] = WorldShape.Paying,
        [nameof(ILiveHub.UnbanViewer)] = WorldShape.Moderated,
        [nameof(ILiveHub.UnpinAnnouncement)] = WorldShape.Moderated,
        ["DELETE /api/streams/{id}/announcement"] = WorldShape.Moderated,
        ["DELETE /api/streams/{id}/bans/{userId}"] = WorldShape.Moderated,
        ["DELETE /api/streams/{id}/moderators/{userId}"] = WorldShape.Moderated,
        ["POST /api/partnerships/{brandId}/accept"] = WorldShape.Proposed,
    };

    [Fact]
    public async Task Every_hub_method_answers_each_role_as_the_table_says()
    {
        var methods = Surface.HubMethods();
        var problems = Coverage("hub method", methods.Select(m => m.Name), Hub);

        // Anonymous: the hub needs a token, so the connection itself is refused.
        var anonymous = new HubConnectionBuilder().WithUrl(new Uri(node.Node.Address, "/hubs/live"), o =>
        {
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        }).Build();
        var refused = await Record.ExceptionAsync(() => anonymous.StartAsync());
        Assert.NotNull(refused);
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);

        foreach (var method in methods.Where(m => Hub.ContainsKey(m.Name)))
        {
            for (var r = 1; r < Roles.Length; r++)
            {
                var world = await World.CreateAsync(node.Node, Needs.GetValueOrDefault(method.Name)); // each call acts on untouched state
                await using var caller = await node.Node.ViewerAsync(Roles[r].Handle, reconnect: false);
                if (method.Name is nameof(ILiveHub.Reserve) or nameof(ILiveHub.JoinWaitlist) or nameof(ILiveHub.ReserveItem))
                {
                    await caller.JoinAsync(world.StreamId); // a purchase names the stream its buyer watches
                }

                Outcome actual;
                string detail;
                try
                {
                    await caller.Connection.InvokeCoreAsync(method.Name, typeof(object), Surface.HubArguments(method, world));
                    (actual, detail) = (Ok, "returned");
                }
                catch (HubException e)
                {
                    var code = ErrorCodes.FromHubError(e.Message);
                    (actual, detail) = (code is ErrorCodes.Forbidden or ErrorCodes.NotOwner or ErrorCodes.NotYourHold ? Denied : Public, e.Message);
                }

                if (actual != Hub[method.Name][r])
                {
                    problems.Add($"{method.Name} as {Roles[r].Name}: expected {Hub[method.Name][r]}, got {actual} ({detail})");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Every_endpoint_answers_each_role_as_the_table_says()
    {
        var targets = Surface.Endpoints(node.Node.Services);
        var problems = Coverage("endpoint", targets.Select(t => t.Key), Http);
        var shared = await World.CreateAsync(node.Node);
        var clients = new HttpClient?[Roles.Length];
        for (var r = 0; r < Roles.Length; r++)
        {
            clients[r] = Roles[r].Handle is { } handle ? node.Node.Authorized(await node.Node.TokenAsync(handle)) : node.Node.Http;
        }

        foreach (var target in targets.Where(t => Http.ContainsKey(t.Key)))
        {
            var reads = target.Method is "GET" or "HEAD" or "*";
            for (var r = 0; r < Roles.Length; r++)
            {
                var world = reads ? shared : await World.CreateAsync(node.Node, Needs.GetValueOrDefault(target.Key));
                using var request = Surface.Request(target with { Method = target.Method == "*" ? "GET" : target.Method }, world);
                using var response = await clients[r]!.SendAsync(request);
                var actual = (int)response.StatusCode switch
                {
                    401 => Unauth,
                    403 => Denied,
                    >= 200 and < 300 => Ok,
                    >= 500 => (Outcome)(-1),
                    _ => Public,
                };
                var expected = Http[target.Key][r];
                if (actual != expected && !(expected == Public && actual == Ok))
                {
                    problems.Add($"{target.Key} as {Roles[r].Name}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>Every real target has a row, and every row still names a real target.</summary>
    private static List<string> Coverage(string kind, IEnumerable<string> actual, Dictionary<string, Outcome[]> table)
    {
        var found = actual.ToHashSet(StringComparer.Ordinal);
        var problems = found.Where(k => !table.ContainsKey(k))
            .Select(k => $"The {kind} '{k}' has no row in the authorization matrix: decide who may call it and add one.").ToList();
        problems.AddRange(table.Keys.Where(k => !found.Contains(k)).Select(k => $"The matrix row '{k}' names no {kind}: remove it."));
        problems.AddRange(table.Where(t => t.Value.Length != Roles.Length).Select(t => $"The row '{t.Key}' needs {Roles.Length} columns."));
        return problems;
    }

    /// <summary>One node on the shared Redis with limits raised so the matrix is not rate-limited.</summary>
    public sealed class MatrixNode : IAsyncLifetime
    {
        private readonly string _media = Directory.CreateTempSubdirectory("lc-matrix-media-").FullName;

        public TestNode Node { get; private set; } = null!;

        public static Dictionary<string, string?> Unlimited(string mediaPath) => new()
        {
            ["RateLimits:AuthPerSecond"] = "100000",
            ["RateLimits:ApiPerSecond"] = "100000",
            ["RateLimits:ApiBurst"] = "100000",
            ["RateLimits:AuthBurst"] = "100000",
            ["Realtime:HubCallsPerSecondPerConnection"] = "10000",
            ["Realtime:HubCallsPerSecondPerAccount"] = "100000",
            ["Realtime:MaxConnectionsPerAccount"] = "10000",
            ["Blob:LocalPath"] = mediaPath,
        };

        public async Task InitializeAsync() =>
            Node = await TestNode.StartAsync(await SharedRedis.ConfigurationAsync(), SharedRedis.UniquePrefix(), await RealAccountsAsync(Unlimited(_media)));

        /// <summary>
        /// Dev sign-in off and a PostgreSQL database of the node's own: every caller is a real account
        /// signed in with its password (the demo cast, seeded with one), the admin by configuration.
        /// </summary>
        public static async Task<Dictionary<string, string?>> RealAccountsAsync(Dictionary<string, string?> settings)
        {
            settings["Auth:EnableDevLogin"] = "false";
            settings["Accounts:ConnectionString"] = await SharedPostgres.CreateDatabaseAsync();
            settings["Accounts:Admins:0"] = "admin@" + LiveCommerce.Server.Auth.DemoAccounts.EmailDomain;
            return settings;
        }

        public async Task DisposeAsync()
        {
            await Node.DisposeAsync();
            Directory.Delete(_media, recursive: true);
        }
    }
}
