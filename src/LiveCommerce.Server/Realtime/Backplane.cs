namespace LiveCommerce.Server.Realtime;

/// <summary>
/// How the nodes share SignalR groups. Chosen once, with the adapter set, by
/// <c>LiveCommerceHosting.AddAdapters</c>, and applied by <see cref="RealtimeRegistration.AddLiveCommerceRealtime"/>
/// (docs/OPERATIONS.md). The connection strings are not printed: they carry keys and passwords.
/// </summary>
public abstract record Backplane
{
    private Backplane()
    {
    }

    /// <summary>A single node: groups live in this process.</summary>
    public sealed record InProcess : Backplane;

    /// <summary>The Redis of the stores also shares the groups, on a connection of its own; channels under <paramref name="KeyPrefix"/>.</summary>
    public sealed record Redis(string Configuration, string KeyPrefix) : Backplane
    {
        public override string ToString() => $"Redis backplane ({KeyPrefix})";
    }

    /// <summary>Azure SignalR Service holds the client connections and groups: the nodes need no backplane.</summary>
    public sealed record AzureSignalR(string ConnectionString) : Backplane
    {
        public override string ToString() => "Azure SignalR Service";
    }
}
