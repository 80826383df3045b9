using System.Reflection;
using LiveCommerce.Client.Features.Studio;
using LiveCommerce.Client.Shared;
using Microsoft.AspNetCore.Components;

namespace LiveCommerce.Client.Tests;

/// <summary>
/// The app downloads the backstage screens when an address of theirs opens (App.razor). An address it
/// does not know as theirs would show "Page not found"; one of a viewer's pages it takes for theirs would
/// download them for nothing.
/// </summary>
public sealed class BackstageRoutesTests
{
    private static IEnumerable<string> RoutesOf(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template.TrimStart('/'));

    [Fact]
    public void Every_backstage_page_is_under_a_section_the_app_loads_them_for()
    {
        var routes = RoutesOf(typeof(StudioHome).Assembly).ToList();
        Assert.Contains("studio/{StreamId}", routes);
        Assert.All(routes, r => Assert.True(App.IsBackstage(r), $"/{r} would not load the backstage screens"));
        Assert.Equal(
            App.BackstageSections.Order(),
            routes.Select(r => r.Split('/')[0]).Distinct().Order());
    }

    [Fact]
    public void No_page_of_the_app_itself_is_taken_for_a_backstage_one()
    {
        var routes = RoutesOf(typeof(MainLayout).Assembly).ToList();
        Assert.Contains("watch/{StreamId}", routes);
        Assert.All(routes, r => Assert.False(App.IsBackstage(r), $"/{r} would load the backstage screens"));
    }

    [Theory]
    [InlineData("studio", true)]
    [InlineData("Studio/abc/edit", true)]
    [InlineData("console?tab=orders", true)]
    [InlineData("dashboard#earnings", true)]
    [InlineData("admin/", true)]
    [InlineData("", false)]
    [InlineData("watch/demo-live", false)]
    [InlineData("studios", false)]
    [InlineData("orders?from=studio", false)]
    public void An_address_is_backstage_by_its_first_segment(string path, bool backstage) =>
        Assert.Equal(backstage, App.IsBackstage(path));
}
