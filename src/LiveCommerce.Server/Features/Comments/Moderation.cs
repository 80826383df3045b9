using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Streams;
using LiveCommerce.Server.Features.Live;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>Slow mode: each viewer may comment once per <see cref="Seconds"/> (0 switches it off). Host or moderator.</summary>
public sealed record SetSlowMode(Actor Actor, string StreamId, int Seconds) : ICommand<int>, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId)
        .Require(Seconds is >= 0 and <= CommentLimits.MaxSlowModeSeconds, $"seconds must be 0 (off) to {CommentLimits.MaxSlowModeSeconds}.");
}

public sealed class SetSlowModeHandler(IStreamStore streams, IModerationStore moderation, ILiveEvents events, TimeProvider clock)
    : ICommandHandler<SetSlowMode, int>
{
    public async ValueTask<int> Handle(SetSlowMode command, CancellationToken ct)
    {
        await streams.RequireStaffAsync(moderation, command.StreamId, command.Actor, ct);
        await moderation.SetSlowModeAsync(command.StreamId, command.Seconds, ct);
        await events.PublishAsync(new SlowModeChanged { StreamId = command.StreamId, At = clock.GetUtcNow(), Seconds = command.Seconds }, ct);
        return command.Seconds;
    }
}

/// <summary>Times a viewer out for 10 s to 24 h: their comments are refused on every node until it ends.</summary>
public sealed record TimeoutViewer(Actor Actor, string StreamId, string UserId, int Seconds) : ICommand, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId).Id("userId", UserId)
        .Require(
            Seconds >= CommentLimits.MinTimeout.TotalSeconds && Seconds <= CommentLimits.MaxTimeout.TotalSeconds,
            $"seconds must be {CommentLimits.MinTimeout.TotalSeconds} to {CommentLimits.MaxTimeout.TotalSeconds}.");
}

public sealed class TimeoutViewerHandler(IStreamStore streams, IModerationStore moderation) : ICommandHandler<TimeoutViewer>
{
    public async ValueTask<Unit> Handle(TimeoutViewer command, CancellationToken ct)
    {
        var stream = await streams.RequireStaffAsync(moderation, command.StreamId, command.Actor, ct);
        await moderation.RequireModeratableAsync(stream, command.UserId, ct);
        await moderation.TimeoutAsync(command.StreamId, command.UserId, TimeSpan.FromSeconds(command.Seconds), ct);
        return Unit.Value;
    }
}

/// <summary>Bans a viewer from commenting in the stream, on every node, until lifted.</summary>
public sealed record BanViewer(Actor Actor, string StreamId, string UserId) : ICommand, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId).Id("userId", UserId);
}

public sealed class BanViewerHandler(IStreamStore streams, IModerationStore moderation) : ICommandHandler<BanViewer>
{
    public async ValueTask<Unit> Handle(BanViewer command, CancellationToken ct)
    {
        var stream = await streams.RequireStaffAsync(moderation, command.StreamId, command.Actor, ct);
        await moderation.RequireModeratableAsync(stream, command.UserId, ct);
        await moderation.BanAsync(command.StreamId, command.UserId, ct);
        return Unit.Value;
    }
}

/// <summary>Lifts a ban and any timeout.</summary>
public sealed record UnbanViewer(Actor Actor, string StreamId, string UserId) : ICommand, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId).Id("userId", UserId);
}

public sealed class UnbanViewerHandler(IStreamStore streams, IModerationStore moderation) : ICommandHandler<UnbanViewer>
{
    public async ValueTask<Unit> Handle(UnbanViewer command, CancellationToken ct)
    {
        await streams.RequireStaffAsync(moderation, command.StreamId, command.Actor, ct);
        await moderation.LiftAsync(command.StreamId, command.UserId, ct);
        return Unit.Value;
    }
}

/// <summary>The host names (or un-names) a moderator. Only the host or an admin.</summary>
public sealed record SetModerator(Actor Actor, string StreamId, string UserId, bool IsModerator) : ICommand<IReadOnlyList<string>>, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId).Id("userId", UserId);
}

public sealed class SetModeratorHandler(IStreamStore streams, IModerationStore moderation) : ICommandHandler<SetModerator, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(SetModerator command, CancellationToken ct)
    {
        var stream = await streams.GetOwnedAsync(command.StreamId, command.Actor, ct);
        if (command.IsModerator && (await moderation.ModeratorsAsync(stream.Id, ct)).Count >= CommentLimits.MaxModerators)
        {
            throw new AppException(ErrorCodes.ValidationFailed, $"A stream can have at most {CommentLimits.MaxModerators} moderators.");
        }

        await moderation.SetModeratorAsync(stream.Id, command.UserId, command.IsModerator, ct);
        return await moderation.ModeratorsAsync(stream.Id, ct);
    }
}

public sealed record ListModerators(Actor Actor, string StreamId) : IQuery<IReadOnlyList<string>>, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId);
}

public sealed class ListModeratorsHandler(IStreamStore streams, IModerationStore moderation) : IQueryHandler<ListModerators, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(ListModerators query, CancellationToken ct)
    {
        await streams.RequireStaffAsync(moderation, query.StreamId, query.Actor, ct);
        return await moderation.ModeratorsAsync(query.StreamId, ct);
    }
}
