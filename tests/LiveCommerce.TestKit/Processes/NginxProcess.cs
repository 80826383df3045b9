using System.Diagnostics;
using System.Globalization;

namespace LiveCommerce.TestKit.Processes;

/// <summary>
/// Debian's nginx in the foreground with a generated config: one loopback port in front of the
/// given nodes (round robin, WebSocket upgrade, long read timeout). No sticky sessions: the clients
/// use WebSockets with SkipNegotiation, so a connection is one request and never needs the same node twice.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private NginxProcess(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public static string Binary => new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("nginx not found: run ./test.sh, which installs it, or apt-get install nginx.");

    /// <summary>
    /// The config infra/cluster writes too: keep the two in step. With <paramref name="hlsPort"/>, <c>/hls/</c>
    /// goes to the media engine's HTTP port, so the app and its video share one origin (as behind a CDN).
    /// </summary>
    public static string Config(string dir, int port, IEnumerable<int> upstreams, int? hlsPort = null) => $$"""
        worker_processes 1;
        daemon off;
        pid {{dir}}/nginx.pid;
        error_log {{dir}}/error.log warn;
        events { worker_connections 4096; }
        http {
          access_log off;
          client_body_temp_path {{dir}}/client_body;
          proxy_temp_path {{dir}}/proxy;
          fastcgi_temp_path {{dir}}/fastcgi;
          uwsgi_temp_path {{dir}}/uwsgi;
          scgi_temp_path {{dir}}/scgi;
          map $http_upgrade $connection_upgrade { default upgrade; '' close; }
          upstream livecommerce {
        {{string.Concat(upstreams.Select(p => $"    server 127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)} max_fails=1 fail_timeout=5s;\n"))}}
          }
          server {
            listen 127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}};
            client_max_body_size 10m;
            location / {
              proxy_pass http://livecommerce;
              proxy_http_version 1.1;
              proxy_set_header Upgrade $http_upgrade;
              proxy_set_header Connection $connection_upgrade;
              proxy_set_header Host $host;
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
              proxy_set_header X-Forwarded-Proto $scheme;
              proxy_read_timeout 1h;
              proxy_send_timeout 1h;
              proxy_connect_timeout 2s;
              proxy_next_upstream error timeout http_502 http_503;
              proxy_buffering off;
            }
        {{(hlsPort is { } hls ? $"    location /hls/ {{ proxy_pass http://127.0.0.1:{hls.ToString(CultureInfo.InvariantCulture)}; proxy_buffering off; }}\n" : "")}}
          }
        }
        """;

    public static async Task<NginxProcess> StartAsync(IEnumerable<int> upstreams, int? hlsPort = null)
    {
        var dir = Directory.CreateTempSubdirectory("lc-nginx-").FullName;
        var port = RedisServer.FreePort();
        var conf = Path.Combine(dir, "nginx.conf");
        await File.WriteAllTextAsync(conf, Config(dir, port, upstreams, hlsPort));
        var process = ChildProcess.StartQuiet(new ProcessStartInfo(Binary)
        {
            // -p: prefix for relative paths; -e: error log before the config is read (not /var/log).
            ArgumentList = { "-c", conf, "-p", dir, "-e", Path.Combine(dir, "error.log") },
        });
        var nginx = new NginxProcess(process, dir, port);
        if (await ChildProcess.ListensAsync(process, port, TimeSpan.FromSeconds(10)))
        {
            return nginx;
        }

        var log = File.Exists(Path.Combine(dir, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(dir, "error.log")) : "";
        await nginx.DisposeAsync();
        throw new InvalidOperationException("nginx did not start: " + log);
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
}
