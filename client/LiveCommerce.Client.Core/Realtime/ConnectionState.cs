namespace LiveCommerce.Client.Realtime;

/// <summary>The hub connection as the UI sees it.</summary>
public enum ConnectionState
{
    /// <summary>Not started, or stopped for good.</summary>
    Disconnected,

    /// <summary>The first connection is being made.</summary>
    Connecting,

    /// <summary>Connected, and every joined stream has rejoined and caught up.</summary>
    Connected,

    /// <summary>The connection was lost (or is being renewed for a new sign-in); retrying.</summary>
    Reconnecting,
}
