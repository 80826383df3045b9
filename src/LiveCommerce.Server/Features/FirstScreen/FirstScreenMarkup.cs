using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Server.Features.FirstScreen;

/// <summary>
/// The watch page's first screen as HTML, for the server's first response: poster, LIVE badge, host,
/// title and the pinned product with its price, laid out by <c>css/first-screen.css</c> (phone first:
/// the poster takes the screen as the app's video will, the rest sits over it). Every value from a
/// stream, a host or a brand is HTML-encoded. Blazor replaces it with the interactive page when the app starts.
/// </summary>
public static class FirstScreenMarkup
{
    // Markup characters are encoded; letters of any script stay readable ("García", "直播").
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>What goes in the page's head: title, description, Open Graph for link previews, the stylesheet.</summary>
    public static string Head(WatchFirstScreen screen, Uri pageUrl)
    {
        var title = screen.Title + " · LiveCommerce";
        var description = string.IsNullOrWhiteSpace(screen.Description) ? screen.HostName : $"{screen.HostName} · {screen.Description}";
        var head = new StringBuilder()
            .Append("<title>").Append(Html.Encode(title)).Append("</title>\n")
            .Append("  <meta name=\"description\" content=\"").Append(Html.Encode(Shorten(description, 200))).Append("\" />\n")
            .Append("  <meta property=\"og:type\" content=\"video.other\" />\n")
            .Append("  <meta property=\"og:site_name\" content=\"LiveCommerce\" />\n")
            .Append("  <meta property=\"og:title\" content=\"").Append(Html.Encode(screen.Title)).Append("\" />\n")
            .Append("  <meta property=\"og:description\" content=\"").Append(Html.Encode(Shorten(description, 200))).Append("\" />\n")
            .Append("  <meta property=\"og:url\" content=\"").Append(Html.Encode(pageUrl.AbsoluteUri)).Append("\" />\n");
        if (Absolute(screen.CoverImageUrl, pageUrl) is { } image)
        {
            head.Append("  <meta property=\"og:image\" content=\"").Append(Html.Encode(image)).Append("\" />\n")
                .Append("  <meta name=\"twitter:card\" content=\"summary_large_image\" />\n");
        }

        return head.Append("  <link rel=\"stylesheet\" href=\"css/first-screen.css\" />").ToString();
    }

    /// <summary>The first screen itself, for the inside of <c>&lt;div id="app"&gt;</c>.</summary>
    public static string Body(WatchFirstScreen screen, ClientText l)
    {
        var html = new StringBuilder();
        html.Append("<main class=\"fs\" data-testid=\"first-screen\" data-stream-id=\"").Append(Html.Encode(screen.StreamId)).Append("\">\n");
        if (Usable(screen.CoverImageUrl) is { } cover)
        {
            // The largest paint of the page: fetched first, never lazily.
            html.Append("  <img class=\"fs-poster\" src=\"").Append(Html.Encode(cover)).Append("\" alt=\"\" fetchpriority=\"high\" />\n");
        }
        else
        {
            html.Append("  <div class=\"fs-poster fs-poster-empty\"></div>\n");
        }

        var (badgeKey, badgeClass) = screen.Status switch
        {
            StreamStatus.Live => ("LiveBadge", "fs-badge fs-badge-live"),
            StreamStatus.Upcoming => ("Upcoming", "fs-badge"),
            _ => ("Ended", "fs-badge"),
        };
        html.Append("  <header class=\"fs-top\">\n")
            .Append("    <a class=\"fs-brand\" href=\"\">LiveCommerce</a>\n")
            .Append("    <span class=\"").Append(badgeClass).Append("\" data-testid=\"fs-status\">").Append(Html.Encode(l[badgeKey])).Append("</span>\n")
            .Append("    <span class=\"fs-host\">").Append(Html.Encode(l["with"])).Append(" <b data-testid=\"fs-host\">").Append(Html.Encode(screen.HostName)).Append("</b></span>\n")
            .Append("  </header>\n")
            .Append("  <div class=\"fs-bottom\">\n")
            .Append("    <h1 class=\"fs-title\" data-testid=\"fs-title\">").Append(Html.Encode(screen.Title)).Append("</h1>\n");
        if (screen.Pin is { } pin)
        {
            html.Append("    <section class=\"fs-pin\" aria-label=\"").Append(Html.Encode(l["Pinned"])).Append("\" data-testid=\"fs-pin\" data-product-id=\"").Append(Html.Encode(pin.ProductId)).Append("\">\n");
            if (Usable(pin.ImageUrl) is { } image)
            {
                html.Append("      <img class=\"fs-pin-image\" src=\"").Append(Html.Encode(image)).Append("\" alt=\"\" width=\"64\" height=\"64\" />\n");
            }

            html.Append("      <div class=\"fs-pin-text\">\n")
                .Append("        <span class=\"fs-pin-label\">").Append(Html.Encode(l["Pinned"])).Append("</span>\n")
                .Append("        <span class=\"fs-pin-name\" data-testid=\"fs-pin-name\">").Append(Html.Encode(pin.Title)).Append("</span>\n")
                .Append("        <span class=\"fs-pin-price\" data-testid=\"fs-pin-price\">").Append(Html.Encode(Formats.Money(pin.Price, l.Culture))).Append("</span>\n")
                .Append("      </div>\n")
                .Append("    </section>\n");
        }

        return html.Append("    <p class=\"fs-loading\" role=\"status\"><span class=\"fs-spinner\" aria-hidden=\"true\"></span>")
            .Append(Html.Encode(l["Opening the live stream…"])).Append("</p>\n")
            .Append("  </div>\n")
            .Append("</main>").ToString();
    }

    /// <summary>Images the page may show: on this origin or over https (the CSP's img-src); nothing else.</summary>
    private static string? Usable(string? url) =>
        string.IsNullOrWhiteSpace(url) ? null
        : url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url
        : Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps ? u.AbsoluteUri
        : null;

    private static string? Absolute(string? url, Uri pageUrl) => Usable(url) is { } usable ? new Uri(pageUrl, usable).AbsoluteUri : null;

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1).TrimEnd(), "…");
}
