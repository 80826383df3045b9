using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LiveCommerce.Contracts;
using Microsoft.Playwright;
using static LiveCommerce.E2E.Tests.AccountSteps;
using static Microsoft.Playwright.Assertions;

namespace LiveCommerce.E2E.Tests;

public sealed partial class AccountsTests
{
    /// <summary>
    /// The whole selling chain with real accounts, through the pages: a brand owner and her invited
    /// manager, a new host who goes live, a partnership the brand proposes and the host accepts, a
    /// product and a flash sale the brand sets up in the console, a new viewer who buys in it, and a
    /// guest who is asked to sign in instead.
    /// </summary>
    [Fact]
    public async Task A_brand_and_a_host_partner_the_brand_puts_a_flash_sale_on_the_hosts_live_stream_and_a_new_viewer_buys()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var ownerEmail = Email("olivia");
        var managerEmail = Email("marco");
        var hostEmail = Email("lena");
        var viewerEmail = Email("vera");
        var brandName = $"Olive Grove {tag}";
        var productTitle = $"Olive oil soap {tag}";
        var saleTitle = $"Soap flash {tag}";
        var streamTitle = $"Lena's soap hour {tag}";

        // 1. The owner signs up, confirms from the mail, creates her brand on /account.
        await using var ownerContext = await fx.NewContextAsync(accounts.Node.Address, wide: true);
        var owner = await accounts.SignedUpAsync(ownerContext, ownerEmail, "Olivia Brand");
        await owner.GotoAsync("account");
        await owner.GetByTestId("brand-name").FillAsync(brandName);
        await owner.GetByTestId("create-brand").ClickAsync();
        await Expect(owner.GetByTestId("create-brand-status")).ToContainTextAsync($"{brandName} is ready. You are its owner.");
        var membership = owner.GetByTestId("brand-membership");
        await Expect(membership).ToContainTextAsync("Owner");
        var brandId = await membership.GetAttributeAsync("data-brand-id");
        Assert.False(string.IsNullOrEmpty(brandId));

        // She invites a manager by email on /brand/team; he signs up with that address, opens the link, accepts.
        await owner.GetByTestId("nav-team").ClickAsync();
        await Expect(owner.Locator("h1")).ToHaveTextAsync($"{brandName} team");
        await owner.GetByTestId("invite-email").FillAsync(managerEmail);
        await owner.GetByTestId("invite-role").SelectOptionAsync(BrandRoles.Manager);
        await owner.GetByTestId("invite-submit").ClickAsync();
        await Expect(owner.GetByTestId("team-status")).ToHaveTextAsync($"Invitation sent to {managerEmail}.");
        var invitation = await accounts.MailedLinkAsync(managerEmail, "invitations/accept");

        await using var managerContext = await fx.NewContextAsync(accounts.Node.Address, wide: true);
        var manager = await accounts.SignedUpAsync(managerContext, managerEmail, "Marco Manager");
        await manager.GotoAsync(invitation);
        await Expect(manager.GetByTestId("invitation-accepted")).ToHaveTextAsync($"You joined {brandName} as Manager.");
        await Expect(manager.GetByTestId("nav-console")).ToBeVisibleAsync(); // the session now acts for the brand

        // 2. The host signs up, confirms, and becomes a host with the host profile form on /account.
        await using var hostContext = await fx.NewContextAsync(accounts.Node.Address, wide: true);
        var host = await accounts.SignedUpAsync(hostContext, hostEmail, "Lena Host");
        await host.GotoAsync("account");
        var handle = "lena_" + tag; // the server takes lowercase letters, digits and _ only
        await host.GetByTestId("host-handle").FillAsync(handle);
        await host.GetByTestId("host-name-input").FillAsync("Lena Live");
        await host.GetByTestId("save-host-profile").ClickAsync();
        await Expect(host.GetByTestId("host-profile-status")).ToContainTextAsync("You're a host now.");
        await Expect(host.GetByTestId("nav-studio")).ToBeVisibleAsync();

        // The studio has no form to schedule a stream (StudioHome lists streams only; POST /api/streams has no page),
        // so the stream is scheduled through the HTTP API, with a session of the host's own, signed in with her
        // email and password. Everything after that is on the pages: she opens it in her studio and goes live.
        StreamDto stream;
        using (var signIn = await accounts.Node.Http.PostAsJsonAsync("/api/auth/login", new LoginRequest(hostEmail, Password)))
        {
            var session = await BrowserFixture.Read<TokenResponse>(signIn);
            Assert.Equal(Roles.Host, session.Role);
            using var asHost = accounts.Node.Authorized(session.Token);
            stream = await BrowserFixture.Read<StreamDto>(await asHost.PostAsJsonAsync("/api/streams",
                new ScheduleStreamRequest(streamTitle, "Handmade soap, live", DateTimeOffset.UtcNow.AddMinutes(30), null, null)));
        }

        await host.GetByTestId("nav-studio").ClickAsync();
        await host.GetByTestId("studio-stream-link").Filter(new() { HasText = streamTitle }).ClickAsync();
        await Expect(host).ToHaveURLAsync(new Regex($"/studio/{Regex.Escape(stream.Id)}$"));
        await host.GetByTestId("go-live").ClickAsync();
        await Expect(host.GetByTestId("end-stream")).ToBeVisibleAsync();
        await Expect(host.GetByTestId("stream-status").First).ToHaveAttributeAsync("data-status", nameof(StreamStatus.Live));

        // 3. The manager proposes a partnership in the brand console, naming the host by her public handle; the list
        // shows her name and handle.
        await manager.GetByTestId("nav-console").ClickAsync();
        await Expect(manager.GetByTestId("partnerships")).ToBeVisibleAsync();
        await manager.GetByTestId("partner-host").FillAsync("@" + handle);
        await manager.GetByTestId("partner-rate").FillAsync("12.5");
        await manager.GetByTestId("save-partnership").ClickAsync();
        var proposed = manager.Locator($"[data-testid=partnership][data-host-handle='{handle}']");
        await Expect(proposed.GetByTestId("partnership-host-name")).ToHaveTextAsync("Lena Live");
        await Expect(proposed).ToHaveAttributeAsync("data-status", nameof(PartnershipStatus.Pending));
        await Expect(proposed.GetByTestId("partnership-status")).ToHaveTextAsync("Waiting for the host");
        await Expect(manager.GetByTestId("partnerships-error")).ToBeEmptyAsync();

        // The host sees the invitation with its terms in her studio home, and accepts it.
        await host.GetByTestId("nav-studio").ClickAsync();
        var offer = host.Locator($"[data-testid=host-partnership][data-brand-id='{brandId}']");
        await Expect(offer).ToHaveAttributeAsync("data-status", nameof(PartnershipStatus.Pending));
        await Expect(offer.GetByTestId("partnership-terms")).ToContainTextAsync("12.50%");
        await fx.ScreenshotAsync(host, "studio-partnership-offer");
        await offer.GetByTestId("accept-partnership").ClickAsync();
        await Expect(offer).ToHaveAttributeAsync("data-status", nameof(PartnershipStatus.Accepted));
        await Expect(offer.GetByTestId("partnership-status")).ToHaveTextAsync("Accepted");
        await Expect(host.GetByTestId("host-partnerships-error")).ToBeEmptyAsync();

        // The brand's console, opened again, shows it accepted (the owner's, too: it is the brand's).
        await manager.ReloadAsync();
        await Expect(proposed).ToHaveAttributeAsync("data-status", nameof(PartnershipStatus.Accepted));
        await Expect(proposed.GetByTestId("partnership-status")).ToHaveTextAsync("Accepted");
        await managerContext.CloseAsync();

        // 4. The owner adds a product in the console and schedules a flash sale on the host's live stream.
        await owner.GetByTestId("nav-console").ClickAsync();
        var accepted = owner.Locator($"[data-testid=partnership][data-host-handle='{handle}']");
        await Expect(accepted).ToHaveAttributeAsync("data-status", nameof(PartnershipStatus.Accepted));
        await owner.GetByTestId("new-product-title").FillAsync(productTitle);
        await owner.GetByTestId("new-product-price").FillAsync("24.00");
        await owner.GetByTestId("new-product-stock").FillAsync("20");
        await owner.GetByTestId("create-product").ClickAsync();
        var product = owner.GetByTestId("product").Filter(new() { Has = owner.GetByTestId("product-title").GetByText(productTitle, new() { Exact = true }) });
        await Expect(product).ToHaveCountAsync(1);
        await Expect(owner.GetByTestId("console-error")).ToBeEmptyAsync();
        var productId = await product.GetAttributeAsync("data-product-id");

        var sales = owner.GetByTestId("console-sales");
        await sales.GetByTestId("sale-product").SelectOptionAsync(productId!);
        await sales.GetByTestId("sale-title").FillAsync(saleTitle);
        await sales.GetByTestId("sale-price").FillAsync("14.50");
        await sales.GetByTestId("sale-quantity").FillAsync("5");
        // The start stays the form's default (ten minutes from now, to the minute); the host launches it sooner.
        await sales.Locator($"[data-testid=sale-stream][data-stream-id='{stream.Id}']").CheckAsync();
        await sales.GetByTestId("save-sale").ClickAsync();
        await Expect(sales.GetByRole(AriaRole.Alert)).ToBeEmptyAsync();
        await Expect(sales.GetByTestId("sale-title")).ToHaveValueAsync(""); // the form is reset once the server took the sale
        await fx.ScreenshotAsync(owner, "console-partnership-sale");

        // The host sees the brand's sale in her studio and launches it now.
        await host.GotoAsync($"studio/{stream.Id}");
        var studioSale = host.GetByTestId("studio-sale").Filter(new() { HasText = saleTitle });
        await Expect(studioSale).ToHaveAttributeAsync("data-status", nameof(SaleStatus.Scheduled));
        await studioSale.GetByTestId("launch-sale").ClickAsync();
        await Expect(studioSale).ToHaveAttributeAsync("data-status", nameof(SaleStatus.Live));

        // 5. A new viewer signs up, finds the stream on the home page, and buys in the flash sale.
        await using var viewerContext = await fx.NewContextAsync(accounts.Node.Address);
        var viewer = await accounts.SignedUpAsync(viewerContext, viewerEmail, "Vera Viewer");
        await (await PageSteps.MenuItemAsync(viewer, "nav-streams")).ClickAsync();
        await viewer.Locator($"[data-testid=live-streams] [data-testid=stream-card][data-stream-id='{stream.Id}']").ClickAsync();
        await Expect(viewer).ToHaveURLAsync(new Regex($"/watch/{Regex.Escape(stream.Id)}$"));
        await Expect(viewer.GetByTestId("connecting")).ToHaveCountAsync(0);
        await Expect(viewer.GetByTestId("stream-title")).ToHaveTextAsync(streamTitle);
        await Expect(viewer.GetByTestId("flash-title")).ToHaveTextAsync(saleTitle);
        await Expect(viewer.GetByTestId("stock-bar")).ToHaveAttributeAsync("data-remaining", "5");
        await viewer.GetByTestId("buy").ClickAsync();
        await Expect(viewer.GetByTestId("hold-countdown")).ToContainTextAsync(":");
        // Her first purchase asks where it goes: the address form is in the panel, within the hold.
        await viewer.GetByTestId("address-country").SelectOptionAsync("MX");
        await viewer.GetByTestId("address-name").FillAsync("Vera Viewer");
        await viewer.GetByTestId("address-line1").FillAsync("Avenida Paseo de la Reforma 222");
        await viewer.GetByTestId("address-postal-code").FillAsync("06600");
        await viewer.GetByTestId("address-city").FillAsync("Ciudad de México");
        await viewer.GetByTestId("address-region").FillAsync("CDMX");
        await viewer.GetByTestId("address-save").ClickAsync();
        await Expect(viewer.GetByTestId("landed-total")).ToBeVisibleAsync();
        await PageSteps.PayAsync(viewer.Locator("body"));
        await Expect(viewer.GetByTestId("order-confirmed")).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("order-confirmed")).ToContainTextAsync("Order confirmed");
        await Expect(viewer.GetByTestId("stock-bar")).ToHaveAttributeAsync("data-remaining", "4");

        // The order is on /orders.
        await viewer.GetByTestId("my-orders-link").ClickAsync();
        await Expect(viewer.GetByTestId("my-orders")).ToBeVisibleAsync();
        var order = viewer.GetByTestId("order");
        await Expect(order).ToHaveCountAsync(1);
        await Expect(order).ToContainTextAsync("$14.50");

        // The host's studio counts it.
        await Expect(host.GetByTestId("orders-seen")).ToHaveTextAsync("1");

        // 6. A guest on the same watch page sees the sale, but links to sign in instead of Buy and the comment box.
        await using var guestContext = await fx.NewContextAsync(accounts.Node.Address);
        var guest = await ViewerTests.WatchAsync(guestContext, stream.Id);
        await Expect(guest.GetByTestId("flash-title")).ToHaveTextAsync(saleTitle);
        await Expect(guest.GetByTestId("stock-bar")).ToHaveAttributeAsync("data-remaining", "4");
        await Expect(guest.GetByTestId("sign-in-to-buy")).ToHaveTextAsync("Sign in to buy");
        await Expect(guest.GetByTestId("sign-in-to-comment")).ToHaveTextAsync("Sign in to comment");
        await Expect(guest.GetByTestId("buy")).ToHaveCountAsync(0);
        await Expect(guest.GetByTestId("comment-input")).ToHaveCountAsync(0);

        // The brand's console lists the sale it scheduled and, opened again, still lists its product and shows the
        // sale with the order in it.
        await Expect(owner.GetByTestId("console-sale").Filter(new() { HasText = saleTitle })).ToHaveCountAsync(1);
        await owner.ReloadAsync();
        await Expect(owner.Locator($"[data-testid=product][data-product-id='{productId}']")).ToHaveCountAsync(1);
        await Expect(owner.GetByTestId("console-sale").Filter(new() { HasText = saleTitle })).ToContainTextAsync("1 sold");
    }
}
