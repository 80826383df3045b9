using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LiveCommerce.TestKit;

/// <summary>
/// A real redis-server the test owns: its own port and data folder, AOF on, so a test can
/// kill -9 it and start it again on the same data. Found on PATH or via LIVECOMMERCE_TEST_REDIS_SERVER.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _binary;
    private Process? _process;

    private RedisServer(string binary, int port, string dataDir)
    {
        _binary = binary;
        Port = port;
        DataDir = dataDir;
    }

    public int Port { get; }

    public string DataDir { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static Task<RedisServer> StartAsync(string appendfsync = "everysec") => StartOnAsync(FreePortBelowEphemeralRange(), appendfsync);

    /// <summary>Starts on a given port, e.g. one a node was already told to use while Redis was down.</summary>
    public static async Task<RedisServer> StartOnAsync(int port, string appendfsync = "everysec")
    {
        var binary = Environment.GetEnvironmentVariable("LIVECOMMERCE_TEST_REDIS_SERVER") is { Length: > 0 } b ? b : FindOnPath("redis-server")
            ?? throw new InvalidOperationException("redis-server not found: run ./test.sh, which installs it, or apt-get install redis-server.");
        var dir = Directory.CreateTempSubdirectory("lc-redis-").FullName;
        var server = new RedisServer(binary, port, dir) { AppendFsync = appendfsync };
        await server.StartAgainAsync();
        return server;
    }

    public string AppendFsync { get; private init; } = "everysec";

    /// <summary>Starts (or restarts after <see cref="KillAsync"/>) on the same port and data.</summary>
    public async Task StartAgainAsync()
    {
        _process = Process.Start(new ProcessStartInfo(_binary)
        {
            ArgumentList =
            {
                "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", DataDir,
                "--appendonly", "yes", "--appendfsync", AppendFsync, "--save", "", "--daemonize", "no",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                await using var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer);
                if (System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"redis-server did not answer on port {Port}.");
    }

    /// <summary>kill -9: no shutdown, no final fsync.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A free port below the kernel's ephemeral range, for a server that starts after clients were
    /// told its port: a client retrying a closed port in the ephemeral range can be handed that very
    /// port as its own source port (a TCP self-connect), and then the server cannot bind it.
    /// </summary>
    public static int FreePortBelowEphemeralRange()
    {
        var low = File.Exists(EphemeralRange) && int.TryParse(File.ReadAllText(EphemeralRange).Split('\t', ' ')[0], out var first) ? first : 32768;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(Math.Min(10_000, low - 1_000), low);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }

        throw new InvalidOperationException($"No free port below {low} on 127.0.0.1.");
    }

    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
