using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LiveCommerce.Server.Common;

/// <summary>How this node reaches itself: its first listening address, with "all interfaces" turned into loopback.</summary>
public static class OwnAddress
{
    /// <summary>The address, or null while the server does not listen yet.</summary>
    public static Uri? Of(IServer server) =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address
            ? new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
                .Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal))
            : null;
}
