namespace LiveCommerce.Contracts;

/// <summary>
/// What the server pushes to a viewer over <c>/hubs/live</c>. Every method that takes a
/// <see cref="LiveEvent"/> carries the stream's gap-free <see cref="LiveEvent.Seq"/>;
/// latest-state updates (viewer counts) are coalesced and not sequenced. Partial: each feature
/// declares its own events next to its wire types.
/// </summary>
public partial interface ILiveClient
{
    Task StreamStarted(StreamStarted e);

    Task StreamEnded(StreamEnded e);

    Task StreamUpdated(StreamUpdated e);

    Task StreamReconnecting(StreamReconnecting e);

    Task StreamResumed(StreamResumed e);

    /// <summary>Coalesced: at most two a second per stream. Not sequenced.</summary>
    Task ViewerCountChanged(ViewerCountChanged e);

    /// <summary>
    /// Sent by the viewer's own node, never through the backplane, when the stream's last seq moved
    /// (checked every few seconds). Not sequenced: it only tells a client whether it is behind.
    /// </summary>
    Task StreamHead(StreamHead e);
}
