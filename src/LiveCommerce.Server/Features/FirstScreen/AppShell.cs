using Microsoft.Extensions.FileProviders;

namespace LiveCommerce.Server.Features.FirstScreen;

/// <summary>
/// The client's <c>index.html</c> (the app shell every page of the app starts from), with server-rendered
/// parts put in: the document's language, head entries, and what stands in <c>&lt;div id="app"&gt;</c>
/// until Blazor replaces it. The shell marks the places with comments (<c>&lt;!--head--&gt;</c>,
/// <c>&lt;!--app--&gt;…&lt;!--/app--&gt;</c>); its own title goes when a head is given.
/// </summary>
public sealed class AppShell(IWebHostEnvironment environment)
{
    public const string HeadMarker = "<!--head-->";
    public const string AppStart = "<!--app-->";
    public const string AppEnd = "<!--/app-->";
    private const string DefaultTitle = "<title>LiveCommerce</title>";

    /// <summary>The shell as it is, or null when the client is not there (a server built without it).</summary>
    public async Task<string?> ReadAsync(CancellationToken ct)
    {
        // Read each time: small, and `dotnet watch` may change it.
        var file = environment.WebRootFileProvider.GetFileInfo("index.html");
        if (!file.Exists || file.IsDirectory)
        {
            return null;
        }

        await using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct);
    }

    public static string Fill(string shell, string language, string head, string app)
    {
        var start = shell.IndexOf(AppStart, StringComparison.Ordinal);
        var end = shell.IndexOf(AppEnd, StringComparison.Ordinal);
        if (start < 0 || end < start || !shell.Contains(HeadMarker, StringComparison.Ordinal))
        {
            return shell; // a shell without the marks: served as it is
        }

        return string.Concat(shell.AsSpan(0, start), AppStart, app, shell.AsSpan(end))
            .Replace(DefaultTitle, "", StringComparison.Ordinal)
            .Replace(HeadMarker, head, StringComparison.Ordinal)
            .Replace("<html lang=\"en\">", $"<html lang=\"{language}\">", StringComparison.Ordinal);
    }
}
