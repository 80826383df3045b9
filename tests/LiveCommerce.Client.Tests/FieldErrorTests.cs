using System.Net;
using System.Text;
using LiveCommerce.Client.Shared;

namespace LiveCommerce.Client.Tests;

/// <summary>A refused form shows each field's reason next to that field, from the server's "fields".</summary>
public sealed class FieldErrorTests
{
    [Fact]
    public async Task The_servers_reason_for_a_field_shows_next_to_it_and_no_other_field_shows_one()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent(
                """{"title":"validation_failed","detail":"title is required.","code":"validation_failed","fields":{"title":"title is required."}}""",
                Encoding.UTF8,
                "application/problem+json"),
        };
        var refused = await ApiException.FromResponseAsync(response);

        using var ctx = new ClientTestContext();
        var title = ctx.Render<FieldError>(p => p.Add(f => f.For, "title").Add(f => f.Error, refused).Add(f => f.Id, "title-error"));
        var cover = ctx.Render<FieldError>(p => p.Add(f => f.For, "coverUrl").Add(f => f.Error, refused));

        Assert.Equal("title is required.", title.Find("[data-testid=error-title]").TextContent);
        Assert.Equal("title-error", title.Find("[data-testid=error-title]").Id);
        Assert.Empty(cover.Markup.Trim());
    }
}
