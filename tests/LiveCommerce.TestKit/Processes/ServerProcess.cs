using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace LiveCommerce.TestKit.Processes;

/// <summary>
/// A server node as its own OS process (<c>dotnet LiveCommerce.Server.dll --urls …</c>), so a test can
/// <c>kill -9</c> it. Configured through environment variables as a deployment would be.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Tail => string.Join('\n', _output.TakeLast(40));

    /// <summary>Starts a node and waits until <c>/health/live</c> answers.</summary>
    public static async Task<ServerProcess> StartAsync(IDictionary<string, string> environment, int? port = null)
    {
        var dll = ServerDll();
        var p = port ?? RedisServer.FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var server = new ServerProcess(Process.Start(info)!, p);
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline && !server.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health/live")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        var tail = server.Tail;
        await server.DisposeAsync();
        throw new InvalidOperationException($"Server on port {p} did not come up:\n{tail}");
    }

    /// <summary>kill -9: no graceful shutdown, connections drop mid-flight.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>
    /// The server's build output for the configuration the tests run in:
    /// <c>{repo}/src/LiveCommerce.Server/bin/{Debug|Release}/net10.0/LiveCommerce.Server.dll</c>.
    /// </summary>
    public static string ServerDll()
    {
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = baseDir.Name; // net10.0
        var configuration = baseDir.Parent!.Name; // Debug / Release
        for (var dir = baseDir; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveCommerce.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "LiveCommerce.Server", "bin", configuration, framework, "LiveCommerce.Server.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first.", dll);
            }
        }

        throw new InvalidOperationException("LiveCommerce.sln not found above " + baseDir.FullName);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
