using LiveCommerce.Server.Common;

namespace LiveCommerce.Server.Features.Audit;

/// <summary>
/// The record of money and moderation actions. Features call it once their action has succeeded.
/// A failed write fails the request: the actions it records are idempotent, so the caller's retry
/// records it then, rather than the action going unrecorded.
/// </summary>
public interface IAuditLog
{
    Task RecordAsync(Actor actor, string action, string target, string? detail, CancellationToken ct = default);
}
