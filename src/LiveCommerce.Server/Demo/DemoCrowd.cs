using Bogus;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Auth;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Demo;

/// <summary>Once the server listens, a simulated crowd watches the live demo stream through the real hub.</summary>
public sealed class DemoCrowd(IServer server, IHostApplicationLifetime lifetime, TokenIssuer issuer, IOptions<DemoOptions> options) : BackgroundService
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
        // Listening on all interfaces: the crowd still talks to loopback only.
        if (stoppingToken.IsCancellationRequested || OwnAddress.Of(server) is not { } uri)
        {
            return;
        }

        // Members are viewer accounts (guests may not chat or buy), named by Bogus; a token is minted per
        // (re)connection, since a connection closes when its token expires.
        var names = new Faker { Random = new Randomizer(42) };
        var crowd = Enumerable.Range(0, options.Value.CrowdSize).Select(_ => names.Name.FullName()).ToArray();
        await Crowd.RunAsync(uri, DemoSeeder.LiveStreamId, crowd.Length, seed: 42,
            (i, _) => Task.FromResult(issuer.Issue(new SessionIdentity($"u-crowd-{i}", crowd[i], Roles.Viewer)).Token), stoppingToken);
    }
}
