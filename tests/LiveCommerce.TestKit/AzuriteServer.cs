using System.Diagnostics;
using LiveCommerce.TestKit.Processes;

namespace LiveCommerce.TestKit;

/// <summary>
/// The Blob endpoint the suite shares: the one ./test.sh started (LIVECOMMERCE_TEST_BLOB holds its
/// connection string), or else a real azurite-blob started here, in memory, on a free loopback port.
/// Tests isolate themselves by container name.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Task<string>> Shared = new(async () =>
    {
        if (Environment.GetEnvironmentVariable("LIVECOMMERCE_TEST_BLOB") is { Length: > 0 } configured)
        {
            return configured;
        }

        var own = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => own.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return own.ConnectionString;
    });

    private readonly Process _process;
    private readonly string _dir;

    private AzuriteServer(Process process, int port, string dir)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => ConnectionStringFor(Port);

    /// <summary>The shared endpoint's connection string.</summary>
    public static Task<string> ConnectionStringAsync() => Shared.Value;

    /// <summary>A container name no other test uses (lower case, 3–63 chars).</summary>
    public static string UniqueContainer() => "t" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>A connection string to an endpoint where nothing listens (yet): storage that is down.</summary>
    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    /// <param name="port">A fixed port, so a test can bring storage up where a node already points; else a free one.</param>
    public static async Task<AzuriteServer> StartAsync(int? port = null)
    {
        var binary = Find() ?? throw new InvalidOperationException(
            "azurite-blob not found: run ./test.sh, or `npm install --prefix .tools/azurite azurite` in the repository root.");
        var listen = port ?? RedisServer.FreePort();
        var dir = Directory.CreateTempSubdirectory("lc-azurite-").FullName;
        var process = ChildProcess.StartQuiet(new ProcessStartInfo(binary)
        {
            ArgumentList =
            {
                "--blobHost", "127.0.0.1", "--blobPort", listen.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--inMemoryPersistence", "--extentMemoryLimit", "512", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            },
            WorkingDirectory = dir, // in memory; the folder only catches any debug files
        });
        var server = new AzuriteServer(process, listen, dir);
        if (await ChildProcess.ListensAsync(process, listen, TimeSpan.FromSeconds(30)))
        {
            return server;
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"azurite-blob did not listen on port {listen}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// <c>{repo}/.tools/azurite/node_modules/.bin/azurite-blob</c> (repo = the folder with LiveCommerce.sln above
    /// the test binaries), the main checkout's copy when running from a worktree, or PATH.
    /// </summary>
    private static string? Find()
    {
        const string relative = ".tools/azurite/node_modules/.bin/azurite-blob";
        var candidates = new List<string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveCommerce.sln")))
            {
                candidates.Add(Path.Combine(dir.FullName, relative));
                break;
            }
        }

        candidates.Add(Path.Combine("/work/main", relative));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "azurite-blob")));
        return candidates.FirstOrDefault(File.Exists);
    }
}
