namespace LiveCommerce.Contracts;

/// <summary>
/// What a client calls on <c>/hubs/live</c>: every hub method, implemented by the server's
/// <c>LiveHub</c> and called through <see cref="LiveHubProxy"/>, so a renamed method or a changed
/// argument list fails the build on both sides. Refusals arrive as HubExceptions carrying
/// <c>"code: message"</c> (<see cref="ErrorCodes"/>). Partial: each feature declares its methods
/// next to its wire types, as <see cref="ILiveClient"/> does.
/// </summary>
public partial interface ILiveHub
{
    /// <summary>
    /// Starts (or resumes) watching: with the <paramref name="lastSeq"/> the caller last applied, the
    /// events it missed are pushed before the answer; without, a full snapshot.
    /// </summary>
    Task<StreamSnapshot> JoinStream(string streamId, long? lastSeq);

    Task LeaveStream(string streamId);

    Task<StreamDto> StartStream(string streamId);

    Task<StreamDto> EndStream(string streamId);
}
