using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveCommerce.Server.Infrastructure.NginxRtmp;

/// <summary>
/// The media engine answers when its RTMP port accepts a connection (what encoders and the studio's
/// relay need). Degraded, not unready, when it does not: chat, pins and sales still work, and every
/// node shares the one engine, so taking nodes out of rotation would not bring video back.
/// </summary>
public sealed class NginxRtmpHealthCheck(Features.Streams.VideoEngineOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(options.RtmpUrl, UriKind.Absolute, out var rtmp))
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Video:Engine:RtmpUrl is not an absolute URL.");
        }

        var port = rtmp.IsDefaultPort || rtmp.Port < 0 ? 1935 : rtmp.Port;
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(rtmp.Host, port, cts.Token);
            return HealthCheckResult.Healthy($"The media engine accepts connections at {rtmp.Host}:{port}.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"The media engine does not answer at {rtmp.Host}:{port}: hosts cannot go live with video; chat, pins and sales still work.");
        }
    }
}
