using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Live;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LiveCommerce.Server.Realtime;

/// <summary>
/// The live endpoint at <c>/hubs/live</c>. Thin on purpose: it identifies the caller, manages
/// group membership, and sends commands through the mediator. Refusals become HubExceptions in
/// <see cref="HubErrorFilter"/>; pushes to viewers go through <see cref="LiveBroadcaster"/>.
/// Partial: each feature's methods live in <c>LiveHub.Feature.cs</c> beside this file. Every public
/// method is one of <see cref="ILiveHub"/> (Contracts), which clients call through <see cref="LiveHubProxy"/>.
/// </summary>
[Authorize]
public sealed partial class LiveHub(ISender sender, LiveBroadcaster broadcaster, LocalViewers localViewers, IViewerPresence presence)
    : Hub<ILiveClient>, ILiveHub
{
    /// <summary>The mediator, for the feature parts of this hub.</summary>
    private ISender Sender => sender;

    public const string Path = "/hubs/live";

    public static string Group(string streamId) => "stream:" + streamId;

    private static readonly object ActorKey = new();

    /// <summary>The caller, read from its token's claims once per connection (they cannot change on it).</summary>
    private Actor Actor => Context.Items.TryGetValue(ActorKey, out var known) && known is Actor actor
        ? actor
        : (Actor)(Context.Items[ActorKey] = Actor.From(Context.User!));

    public async Task<StreamSnapshot> JoinStream(string streamId, long? lastSeq)
    {
        if (!TextRules.IsId(streamId))
        {
            throw AppException.NotFound(ErrorCodes.StreamNotFound, "No such stream.");
        }

        // Join the group before reading the log, so nothing appended meanwhile is missed.
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(streamId));
        try
        {
            var result = await sender.Send(new JoinStream(streamId, Context.ConnectionId, Actor.UserId, lastSeq), Context.ConnectionAborted);
            localViewers.Add(Context.ConnectionId, streamId);
            await broadcaster.SendCatchUpAsync(Context.ConnectionId, result.Missed, Context.ConnectionAborted);
            return result.Snapshot;
        }
        catch
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(streamId));
            throw;
        }
    }

    public async Task LeaveStream(string streamId)
    {
        if (!TextRules.IsId(streamId))
        {
            // Refused before the lookup: a null id would make the dictionary throw, which callers would
            // see as "unavailable" instead of a refusal (FuzzTests sends such ids).
            throw AppException.NotFound(ErrorCodes.StreamNotFound, "No such stream.");
        }

        if (localViewers.Remove(Context.ConnectionId, streamId))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(streamId));
            await presence.LeaveAsync(streamId, Context.ConnectionId);
        }
    }

    public Task<StreamDto> StartStream(string streamId) => sender.Send(new StartStream(Actor, streamId)).AsTask();

    public Task<StreamDto> EndStream(string streamId) => sender.Send(new EndStream(Actor, streamId)).AsTask();

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var streamId in localViewers.RemoveConnection(Context.ConnectionId))
        {
            await presence.LeaveAsync(streamId, Context.ConnectionId);
        }

        await base.OnDisconnectedAsync(exception);
    }
}
