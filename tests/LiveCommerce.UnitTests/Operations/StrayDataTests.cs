using System.Text.Json;
using LiveCommerce.Server.Features.Orders;

namespace LiveCommerce.UnitTests.Operations;

/// <summary>
/// What the in-process adapters write with nothing configured must never show up in <c>git status</c>:
/// <c>dotnet run --project src/LiveCommerce.Server</c> runs in the project folder, so a relative default
/// lands inside the source tree, one <c>git add</c> away from committing orders. The old default's folder
/// stays ignored for checkouts that still have it (docs/OPERATIONS.md, "Configuration").
/// </summary>
public sealed class StrayDataTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void The_local_order_archive_defaults_to_a_dot_data_folder_in_code_and_in_appsettings()
    {
        using var appsettings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "src/LiveCommerce.Server/appsettings.json")));
        var configured = appsettings.RootElement.GetProperty(OrderArchiveOptions.Section).GetProperty(nameof(OrderArchiveOptions.ArchiveFolder)).GetString();
        Assert.All(new[] { new OrderArchiveOptions().ArchiveFolder, configured }, folder => Assert.StartsWith(".data/", folder, StringComparison.Ordinal));
    }

    [Fact]
    public void Dot_data_is_ignored_at_any_depth_and_the_old_archive_folder_too()
    {
        var patterns = File.ReadAllLines(Path.Combine(Root, ".gitignore")).Select(l => l.Trim()).ToHashSet();
        Assert.Contains(".data/", patterns);  // unanchored: also src/LiveCommerce.Server/.data/
        Assert.Contains("/src/LiveCommerce.Server/data/", patterns);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveCommerce.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LiveCommerce.sln not found above " + AppContext.BaseDirectory);
    }
}
