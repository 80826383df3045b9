using LiveCommerce.Client.Features.Streams;
using LiveCommerce.Client.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCommerce.Client.Tests;

/// <summary>The site header's menu button, which on a phone holds the pages and the account (app.css folds them there).</summary>
public sealed class SiteHeaderTests
{
    private static IRenderedComponent<MainLayout> Layout(ClientTestContext ctx)
    {
        ctx.ComponentFactories.AddStub<ReminderNotices>(); // it needs the live hub; not what is tested here
        return ctx.Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "The page"))));
    }

    [Fact]
    public void The_menu_button_says_whether_the_menu_is_open_and_Escape_closes_it_with_focus_back_on_the_button()
    {
        using var ctx = new ClientTestContext();
        var cut = Layout(ctx);

        var button = cut.Find("[data-testid=menu-button]");
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Equal("site-menu", button.GetAttribute("aria-controls"));
        Assert.Equal("Menu", button.TextContent.Trim());
        Assert.NotNull(cut.Find("#site-menu [data-testid=nav-orders]")); // the pages and the account are what it controls
        Assert.NotNull(cut.Find("#site-menu [data-testid=sign-in]"));

        button.Click();
        Assert.Equal("true", cut.Find("[data-testid=menu-button]").GetAttribute("aria-expanded"));
        Assert.Contains("menu-open", cut.Find("header").ClassList);

        cut.Find("header").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        Assert.Equal("false", cut.Find("[data-testid=menu-button]").GetAttribute("aria-expanded"));
        Assert.DoesNotContain("menu-open", cut.Find("header").ClassList);
        ctx.JSInterop.VerifyFocusAsyncInvoke();
    }

    [Fact]
    public void Choosing_a_page_closes_the_menu()
    {
        using var ctx = new ClientTestContext();
        var cut = Layout(ctx);
        cut.Find("[data-testid=menu-button]").Click();
        Assert.Equal("true", cut.Find("[data-testid=menu-button]").GetAttribute("aria-expanded"));

        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("orders");

        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-testid=menu-button]").GetAttribute("aria-expanded")));
    }
}
