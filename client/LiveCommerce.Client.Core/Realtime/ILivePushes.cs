namespace LiveCommerce.Client.Realtime;

/// <summary>
/// The unsequenced pushes, as components see them (<see cref="LiveHubConnection"/> implements it),
/// so components that react to one can be tested without a connection. Calls go the other way
/// through <see cref="Contracts.ILiveHub"/>.
/// </summary>
public interface ILivePushes
{
    /// <summary>Each unsequenced push: its <see cref="Contracts.ILiveClient"/> method name and payload, e.g. a waitlist hold granted to this user.</summary>
    event Action<string, object>? Received;

    /// <summary>
    /// Keeps the connection up for pushes to this account (e.g. order status changes on "My orders") even
    /// when no stream is watched; a page calls it when it shows and <see cref="StopListening"/> when it goes.
    /// </summary>
    void Listen()
    {
    }

    void StopListening()
    {
    }
}
