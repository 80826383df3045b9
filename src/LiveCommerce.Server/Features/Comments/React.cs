using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Comments;

/// <summary>A viewer taps a reaction. Counted on this node and sent as one tally per window, never one message per tap.</summary>
public sealed record React(Actor Actor, string StreamId, string? Kind) : ICommand, IValidated
{
    public void Validate(Validator v) => v.Id("streamId", StreamId);
}

public sealed class ReactHandler(IReactionCounter counter) : ICommandHandler<React>
{
    public ValueTask<Unit> Handle(React command, CancellationToken ct)
    {
        var index = command.Kind is null ? -1 : IndexOf(command.Kind);
        if (index < 0)
        {
            throw new AppException(ErrorCodes.InvalidReaction, $"kind must be one of {string.Join(", ", ReactionKinds.All)}.");
        }

        // No stream lookup per tap: taps for a stream nobody watches are tallied to nobody.
        if (!counter.TryAdd(command.StreamId, command.Actor.UserId, index))
        {
            throw new AppException(ErrorCodes.RateLimited, "Too many reactions; slow down.", StatusCodes.Status429TooManyRequests);
        }

        return ValueTask.FromResult(Unit.Value);
    }

    public static int IndexOf(string kind)
    {
        for (var i = 0; i < ReactionKinds.All.Count; i++)
        {
            if (string.Equals(ReactionKinds.All[i], kind, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
