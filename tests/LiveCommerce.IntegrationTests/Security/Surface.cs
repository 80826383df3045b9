using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Realtime;
using LiveCommerce.Simulator;
using LiveCommerce.TestKit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.IntegrationTests.Security;

/// <summary>One HTTP endpoint as the routing table knows it: <c>"PUT /api/streams/{id}"</c>.</summary>
public sealed record HttpTarget(string Method, string Pattern, MethodInfo? Handler)
{
    public string Key => $"{Method} {Pattern}";

    public override string ToString() => Key;
}

/// <summary>
/// The server's whole attack surface, found by reflection so nothing new can hide: every public
/// method of <see cref="LiveHub"/> and every endpoint in the node's <see cref="EndpointDataSource"/>.
/// It also builds a well-formed call for each from a small vocabulary of parameter names and body
/// types; a new parameter name or body type fails loudly until it is taught here.
/// </summary>
public static class Surface
{
    public static IReadOnlyList<MethodInfo> HubMethods() =>
        typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync" or "Dispose"))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToArray();

    public static IReadOnlyList<HttpTarget> Endpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // The client's static files (MapStaticAssets, one endpoint per file): public by nature, no action to authorize.
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .SelectMany(e =>
            {
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
                return methods.Select(m => new HttpTarget(m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<MethodInfo>()));
            })
            .DistinctBy(t => t.Key)
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Parameters the framework fills from services or the request, not from the caller's input.</summary>
    public static bool IsInjected(ParameterInfo p) =>
        p.ParameterType == typeof(CancellationToken) || p.ParameterType == typeof(HttpContext)
        || p.ParameterType == typeof(System.Security.Claims.ClaimsPrincipal)
        || p.ParameterType == typeof(HttpRequest)
        || (p.ParameterType.Namespace?.StartsWith("LiveCommerce.Contracts", StringComparison.Ordinal) != true
            && !IsSimple(p.ParameterType));

    public static bool IsSimple(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsPrimitive || t == typeof(string) || t == typeof(decimal) || t.IsEnum || t == typeof(Guid) || t == typeof(DateTimeOffset);
    }

    public static bool IsBody(ParameterInfo p) =>
        p.ParameterType.Namespace?.StartsWith("LiveCommerce.Contracts", StringComparison.Ordinal) == true && p.ParameterType.IsClass;

    public static bool IsRouteValue(HttpTarget target, ParameterInfo p) =>
        Unconstrained(target.Pattern).Contains("{" + p.Name + "}", StringComparison.Ordinal) || target.Pattern.Contains("{**" + p.Name + "}", StringComparison.Ordinal);

    /// <summary>The pattern without route constraints: <c>{n:long:min(0)}</c> becomes <c>{n}</c>.</summary>
    private static string Unconstrained(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+):[^}]*\}", "{$1}");

    /// <summary>A well-formed request for <paramref name="target"/> against the fixture's objects.</summary>
    public static HttpRequestMessage Request(HttpTarget target, World world)
    {
        var path = Unconstrained(target.Pattern);
        var query = new List<string>();
        HttpContent? body = null;
        foreach (var p in target.Handler?.GetParameters() ?? [])
        {
            if (IsRouteValue(target, p))
            {
                var value = RouteValue(target, p.Name!, world);
                path = path.Replace("{" + p.Name + "}", value, StringComparison.Ordinal).Replace("{**" + p.Name + "}", value, StringComparison.Ordinal);
            }
            else if (p.ParameterType == typeof(HttpRequest))
            {
                body = Png();
            }
            else if (IsBody(p))
            {
                body = JsonContent.Create(Sample(p.ParameterType, world), p.ParameterType, options: LiveApi.Json);
            }
            else if (IsSimple(p.ParameterType) && !IsNullable(p))
            {
                query.Add($"{p.Name}={Uri.EscapeDataString(QueryValue(target, p.Name!, world))}");
            }
        }

        // Endpoints without a handler method (the studio camera's WebSocket pipeline) name their route values only in the pattern.
        if (target.Handler is null)
        {
            path = System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+)\}", m => RouteValue(target, m.Groups[1].Value, world));
        }

        // Catch-all routes without a handler parameter (the SPA fallback): any client-side page.
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\{\*[^}]*\}", "some/page");
        Assert.DoesNotContain("{", path, StringComparison.Ordinal);
        var uri = query.Count == 0 ? path : path + "?" + string.Join('&', query);
        return new HttpRequestMessage(new HttpMethod(target.Method), uri) { Content = body };
    }

    /// <summary>Well-formed arguments for a hub method, by parameter name.</summary>
    public static object?[] HubArguments(MethodInfo method, World world) =>
        method.GetParameters().Select(p => p.Name switch
        {
            "streamId" => world.StreamId,
            "productId" => (object?)world.ProductId,
            "lastSeq" => null,
            "durationSeconds" => null,
            "text" => "Hello from the matrix",
            "kind" => ReactionKinds.Heart,
            "commentId" => world.CommentId,
            "userId" => world.ViewerId,
            "seconds" => 10,
            "saleId" => method.Name == nameof(ILiveHub.LaunchFlashSale) ? world.ScheduledSaleId : world.SaleId,
            "quantity" => 1,
            "variantId" => null,
            "idempotencyKey" => "matrix-key",
            "holdId" => world.HoldId,
            "currency" => "USD",
            "displayCurrency" => "EUR",
            "intentId" => world.IntentId,
            "card" => TestCards.Card(),
            "addressId" => null, // none: checkout as before (CheckoutTo with a real address is ShippingTests')
            _ => throw new InvalidOperationException(
                $"Hub parameter '{p.Name}' of {method.Name} is new: teach Surface.HubArguments a valid value for it."),
        }).ToArray();

    public static bool IsNullable(ParameterInfo p) =>
        Nullable.GetUnderlyingType(p.ParameterType) is not null
        || new NullabilityInfoContext().Create(p).WriteState == NullabilityState.Nullable
        || p.HasDefaultValue;

    private static string RouteValue(HttpTarget target, string name, World world) => (target.Pattern, name) switch
    {
        (var pattern, "id") when pattern.StartsWith("/api/products", StringComparison.Ordinal) => world.ProductId,
        (var pattern, "id") when pattern.StartsWith("/api/shipping/products", StringComparison.Ordinal) => world.ProductId,
        // Nobody's address: each caller's own book is theirs alone (ShippingTests), here every id is unknown (404).
        (var pattern, "id") when pattern.StartsWith("/api/me/addresses", StringComparison.Ordinal) => "amatrixnone",
        (var pattern, "id") when pattern.StartsWith("/api/admin/streams", StringComparison.Ordinal) => world.StreamId,
        // Nobody real: suspending a cast member would lock them out of the worlds built after.
        (var pattern, "id") when pattern.StartsWith("/api/admin/accounts", StringComparison.Ordinal) => "u-matrix-nobody",
        (var pattern, "id") when pattern.StartsWith("/api/streams", StringComparison.Ordinal) => world.StreamId,
        (var pattern, "id") when pattern.StartsWith("/watch", StringComparison.Ordinal) => world.StreamId,
        (var pattern, "id") when pattern.StartsWith("/api/flash-sales", StringComparison.Ordinal) => world.ScheduledSaleId,
        (var pattern, "id") when pattern.StartsWith("/api/orders", StringComparison.Ordinal) => "o-matrix-none",
        (var pattern, "id") when pattern.StartsWith("/api/fulfilment/orders", StringComparison.Ordinal) => "o-matrix-none",
        (var pattern, "id") when pattern.StartsWith("/api/fulfilment/shipments", StringComparison.Ordinal) => "sh-matrix-none",
        (var pattern, "id") when pattern.StartsWith("/api/returns", StringComparison.Ordinal) => "rt-matrix-none",
        (var pattern, "id") when pattern.StartsWith("/api/brands", StringComparison.Ordinal) => world.BrandId,
        (_, "callback") => "publish",
        (_, "n") => "0",
        (_, "code") => "nosuchcode",
        (_, "kind") => "influencer",
        (_, "file") => "nosuch.csv",
        (_, "name") => world.MediaName,
        (_, "commentId") => world.CommentId,
        (_, "userId") => world.ViewerId,
        (_, "brandId") => world.BrandId,
        (_, "hostId") => world.HostId,
        (_, "provider") => "simulated",
        (_, "intentId") => world.IntentId,
        _ => throw new InvalidOperationException($"Route value '{name}' of {target.Key} is new: teach Surface.RouteValue."),
    };

    private static string QueryValue(HttpTarget target, string name, World world) => name switch
    {
        "brand" => world.BrandId,
        "amount" => "12.50",
        "from" => "USD",
        "to" => "EUR",
        "country" => "DE",
        _ => throw new InvalidOperationException($"Query parameter '{name}' of {target.Key} is new: teach Surface.QueryValue."),
    };

    public static object Sample(Type type, World world) => type.Name switch
    {
        nameof(ScheduleStreamRequest) => new ScheduleStreamRequest("Matrix", "desc", DateTimeOffset.UtcNow.AddHours(1), null, null),
        nameof(ProductRequest) => new ProductRequest("Matrix product", "desc", new Money(9.99m, "USD"), 5, null, ["t"]),
        nameof(ProductVariantsRequest) => new ProductVariantsRequest([new VariantRequest(null, "M", "Red", 3)]),
        nameof(PartnershipRequest) => new PartnershipRequest(world.HostId, 10m, null, null, null, null),
        nameof(AcceptPartnershipRequest) => new AcceptPartnershipRequest(null),
        nameof(ShowcaseRequest) => new ShowcaseRequest([world.ProductId]),
        nameof(DevLoginRequest) => new DevLoginRequest("sam"),
        nameof(AnnouncementRequest) => new AnnouncementRequest("Matrix announcement"),
        nameof(BlockedWordsRequest) => new BlockedWordsRequest(["spoilerword"]),
        nameof(AddModeratorRequest) => new AddModeratorRequest("ana@demo.livecommerce.test"), // a viewer has no public handle: named by email
        nameof(ScheduleFlashSaleRequest) => World.FlashSale(world.StreamId, world.ProductId),
        nameof(ChangeSaleQuantityRequest) => new ChangeSaleQuantityRequest(10),
        nameof(RefundOrderRequest) => new RefundOrderRequest(null),
        nameof(TestChallengeAnswer) => new TestChallengeAnswer(true),
        nameof(ShareLinkRequest) => new ShareLinkRequest(world.StreamId, null),
        nameof(RegisterRequest) => new RegisterRequest($"matrix-{Guid.NewGuid():N}@example.test", "Violet-Lamp-2026", "Matrix Person", "DE"),
        nameof(ConfirmEmailRequest) => new ConfirmEmailRequest(world.ViewerId, "not-a-real-token"),
        nameof(LoginRequest) => new LoginRequest("nobody@example.test", "Wrong-Pass-2026"),
        nameof(RefreshRequest) => new RefreshRequest(null),
        nameof(LogoutRequest) => new LogoutRequest(null),
        nameof(ForgotPasswordRequest) => new ForgotPasswordRequest($"matrix-{Guid.NewGuid():N}@example.test"),
        nameof(ResetPasswordRequest) => new ResetPasswordRequest(world.ViewerId, "not-a-real-token", "Violet-Lamp-2026"),
        nameof(UpdateMeRequest) => new UpdateMeRequest(PurchaseName: PurchaseNames.CountryOnly),
        nameof(DeleteAccountRequest) => new DeleteAccountRequest("Wrong-Pass-2026"),
        nameof(ChangePasswordRequest) => new ChangePasswordRequest("Wrong-Pass-2026", "Violet-Lamp-2027"),
        nameof(TwoFactorCodeRequest) => new TwoFactorCodeRequest("000000"),
        nameof(HostProfileRequest) => new HostProfileRequest("m" + Guid.NewGuid().ToString("N")[..12], "Matrix Host"),
        nameof(CreateBrandRequest) => new CreateBrandRequest("Matrix Brand"),
        nameof(InviteMemberRequest) => new InviteMemberRequest($"matrix-{Guid.NewGuid():N}@example.test", BrandRoles.Staff),
        nameof(AcceptInvitationRequest) => new AcceptInvitationRequest("not-a-real-token"),
        nameof(AdminReasonRequest) => new AdminReasonRequest("Matrix reason"),
        nameof(AddressRequest) => new AddressRequest("Matrix Person", "Torstraße 1", null, "Berlin", null, "10115", "DE", null),
        // Ships everywhere the address book knows, so later worlds' purchases are not refused for their country.
        nameof(BrandShippingDto) => new BrandShippingDto(world.BrandId, "USD", [], [new ShippingZoneDto("Everywhere", AddressCountries.All, 5m)], false),
        nameof(QuoteRequest) => new QuoteRequest(ProductId: world.ProductId, Country: "DE", DisplayCurrency: "EUR"),
        nameof(ReturnRequest) => new ReturnRequest("Matrix reason"),
        nameof(ShipRequest) => new ShipRequest("DHL", "JD0146000012345"),
        _ => throw new InvalidOperationException($"Request body {type.Name} is new: teach Surface.Sample a valid instance."),
    };

    /// <summary>The smallest valid PNG (1×1).</summary>
    public static readonly byte[] PngBytes = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static MultipartFormDataContent Png()
    {
        var file = new ByteArrayContent(PngBytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "file", "x.png" } };
    }
}

public enum WorldShape
{
    /// <summary>The stream is live, nothing pinned.</summary>
    Live,

    /// <summary>The stream is scheduled, not started.</summary>
    Upcoming,

    /// <summary>Live with the product pinned.</summary>
    Pinned,

    /// <summary>Live, sam's hold being paid: its payment intent made (checkout key "matrix-key", as the matrix checks out).</summary>
    Paying,

    /// <summary>Live, ana (a viewer) banned and made moderator, an announcement pinned.</summary>
    Moderated,

    /// <summary>Live, and glow has since proposed mia new terms: the partnership waits for her accept.</summary>
    Proposed,
}

/// <summary>
/// The objects a call acts on: a live stream hosted by mia (host-owner) whose showcase holds a glow
/// (brand-owner) product with one stored image. leo and kite own nothing here. glow sells it in two
/// sales on the stream: one scheduled flash sale (to edit, cancel, launch) and one live Regular sale
/// of one unit, sold out because sam (viewer) holds it (to check out, release, wait for).
/// </summary>
public sealed record World(
    string StreamId, string ProductId, string MediaName, string CommentId, string ScheduledSaleId, string SaleId, string HoldId,
    string IntentId = "pi_matrix_none", string HostId = "u-host-mia", string BrandId = "u-brand-glow", string ViewerId = "u-viewer-ana")
{
    /// <summary>A valid flash sale of the product in the stream, starting in an hour.</summary>
    public static ScheduleFlashSaleRequest FlashSale(string streamId, string productId, SaleKind kind = SaleKind.Flash, int quantity = 5, int? holdSeconds = null)
    {
        var start = DateTimeOffset.UtcNow.AddHours(1);
        return new ScheduleFlashSaleRequest(productId, null, "Matrix sale", 4.99m, "USD", quantity, start, start.AddMinutes(5), 2, holdSeconds, [streamId], kind);
    }

    public static async Task<World> CreateAsync(TestNode node, WorldShape shape = WorldShape.Live)
    {
        using var brand = node.Authorized(await node.TokenAsync("glow"));
        using var host = node.Authorized(await node.TokenAsync("mia"));
        // The brand proposes and mia accepts; the same terms again leave an accepted partnership as it is.
        await PartnerConsent.PartnerApi.PartnerAsync(node, "glow", "u-host-mia", 10m);
        var product = await LiveApi.ReadAsync<ProductDto>(await brand.PostAsJsonAsync("/api/products", new ProductRequest("World product", "d", new Money(5m, "USD"), 5, null, []), LiveApi.Json));
        product = await LiveApi.ReadAsync<ProductDto>(await brand.PostAsync($"/api/products/{product.Id}/images", Surface.Png()));
        var stream = await LiveApi.ReadAsync<StreamDto>(await host.PostAsJsonAsync("/api/streams", new ScheduleStreamRequest("World", "d", DateTimeOffset.UtcNow.AddHours(1), null, null), LiveApi.Json));
        await LiveApi.ReadAsync<List<ProductDto>>(await host.PutAsJsonAsync($"/api/streams/{stream.Id}/showcase", new ShowcaseRequest([product.Id]), LiveApi.Json));
        if (shape != WorldShape.Upcoming)
        {
            await LiveApi.ReadAsync<StreamDto>(await host.PostAsync($"/api/streams/{stream.Id}/start", null));
        }

        await using var hub = await node.ViewerAsync("mia", reconnect: false);
        if (shape == WorldShape.Pinned)
        {
            await hub.Hub.PinProduct(stream.Id, product.Id, null);
        }

        // One comment by ana (while live), for delete/mark-question calls.
        var commentId = "c-none";
        if (shape != WorldShape.Upcoming)
        {
            await using var ana = await node.ViewerAsync("ana", reconnect: false);
            await ana.JoinAsync(stream.Id);
            var id = (await ana.Hub.SendComment(stream.Id, "What size is it?")).Id;
            // Comments are flushed in short batches: wait until it is out, so moderation calls find it.
            await ana.WaitUntilAsync(v => v.Events(stream.Id).OfType<CommentsAdded>().Any(e => e.Comments.Any(c => c.Id == id)), TimeSpan.FromSeconds(10), "the comment batch");
            commentId = id;
        }


        if (shape == WorldShape.Moderated)
        {
            // ana is banned and an announcement is pinned, so the undo calls have something to undo.
            await hub.Hub.BanViewer(stream.Id, "u-viewer-ana");
            await hub.Hub.PinAnnouncement(stream.Id, "Announcement");
            using var host2 = node.Authorized(await node.TokenAsync("mia"));
            (await host2.PutAsync($"/api/streams/{stream.Id}/moderators/u-viewer-ana", null)).EnsureSuccessStatusCode();
        }

        var scheduled = await LiveApi.ReadAsync<FlashSaleDto>(await brand.PostAsJsonAsync("/api/flash-sales", FlashSale(stream.Id, product.Id), LiveApi.Json));
        // The world's hold lasts the longest a sale allows (30 min): the fuzz tests run minutes on a slow machine, and a hold
        // expiring mid-test would look like a refused call changing state.
        var live = await LiveApi.ReadAsync<FlashSaleDto>(await brand.PostAsJsonAsync("/api/flash-sales", FlashSale(stream.Id, product.Id, SaleKind.Regular, quantity: 1, holdSeconds: 1800), LiveApi.Json));
        await using var sam = await node.ViewerAsync("sam", reconnect: false);
        var hold = await sam.Hub.Reserve(null, live.Id, 1, "world-hold");
        Assert.Equal(ReserveOutcome.Held, hold.Outcome);

        if (shape == WorldShape.Proposed)
        {
            await LiveApi.ReadAsync<PartnershipDto>(await PartnerConsent.PartnerApi.ProposeAsync(node, "glow", "u-host-mia", 11m));
        }

        var intentId = "pi_matrix_none";
        if (shape == WorldShape.Paying)
        {
            intentId = (await sam.Hub.Checkout(hold.HoldId!, "matrix-key")).Payment!.Id;
        }

        return new World(stream.Id, product.Id, product.ImageUrls[0]["/media/".Length..], commentId, scheduled.Id, live.Id, hold.HoldId!, intentId);
    }
}
