using System.Security.Cryptography;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Mediator;

namespace LiveCommerce.Server.Features.Attribution;

/// <summary>
/// After signing in, the browser's visitor touches (made signed out, under the lc_vid cookie) become the
/// account's, keeping their times, so an order placed now is attributed as the rules say. Each touch credits
/// one account: the first account to claim a browser's touches owns them (another gets share_touches_claimed),
/// and claimed touches move, so a replayed claim finds nothing left. Guests cannot claim: their id is new on
/// every visit, and a claim would only lose the touches (sign_in_required).
/// </summary>
public sealed record ClaimVisitorTouches(Actor Actor, string? VisitorId) : ICommand<int>;

public sealed class ClaimVisitorTouchesHandler(IShareLinkStore links, TimeProvider clock) : ICommandHandler<ClaimVisitorTouches, int>
{
    public async ValueTask<int> Handle(ClaimVisitorTouches command, CancellationToken ct)
    {
        command.Actor.RequireAccount("claim the share links you opened");

        if (!ShareCodes.IsVisitorId(command.VisitorId))
        {
            return 0;
        }

        var visitor = ShareCodes.VisitorKey(command.VisitorId!);
        var owner = await links.ClaimVisitorAsync(visitor, command.Actor.UserId, ct);
        if (owner != command.Actor.UserId)
        {
            throw AppException.Conflict(ErrorCodes.ShareTouchesClaimed, "The share links opened in this browser were claimed by another account.");
        }

        // Copy, then remove: a claim cut short in between is finished by the next one, and a copy made twice is one touch.
        var touches = await links.TouchesAsync(visitor, clock.GetUtcNow(), ct);
        foreach (var touch in touches)
        {
            await links.RecordTouchAsync(command.Actor.UserId, touch, ct);
        }

        await links.RemoveTouchesAsync(visitor, touches, ct);
        return touches.Count;
    }
}
