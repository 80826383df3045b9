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
}
