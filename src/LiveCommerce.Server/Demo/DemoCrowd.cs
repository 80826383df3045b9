using LiveCommerce.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Demo;

/// <summary>Once the server listens, a simulated crowd watches the live demo stream through the real hub.</summary>
public sealed class DemoCrowd(IServer server, IHostApplicationLifetime lifetime, IOptions<DemoOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || options.Value.CrowdSize <= 0)
        {
            return;
        }

        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (stoppingToken.IsCancellationRequested || address is null)
        {
            return;
        }

        // Listening on all interfaces: the crowd still talks to loopback only.
        var uri = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        await Crowd.RunAsync(uri, DemoSeeder.LiveStreamId, options.Value.CrowdSize, seed: 42, stoppingToken);
    }
}
