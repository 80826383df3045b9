using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Admin;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LiveCommerce.Server.Features.Audit;

/// <summary><c>GET /api/audit</c>: admins read the log newest first, filtered by action, actor id or target, paged by id.</summary>
public sealed record GetAuditLog(Actor Actor, string? Action, string? ActorId, string? Target, long? Before, int Limit) : IQuery<AuditPage>, IValidated
{
    public const int MaxLimit = 200;

    public void Validate(Validator v) => v
        .Require(string.IsNullOrEmpty(Action) || AuditActions.All.Contains(Action), $"action must be one of {string.Join(", ", AuditActions.All)}.", "action")
        .Text("actor", ActorId, 450, required: false)
        .Text("target", Target, 256, required: false)
        .Require(Before is null or > 0, "before must be a positive entry id.", "before")
        .Require(Limit is >= 1 and <= MaxLimit, $"limit must be 1 to {MaxLimit}.", "limit");
}

public sealed class GetAuditLogHandler(IServiceScopeFactory scopes) : IQueryHandler<GetAuditLog, AuditPage>
{
    public async ValueTask<AuditPage> Handle(GetAuditLog query, CancellationToken ct)
    {
        AdminRules.RequireAdmin(query.Actor);
        await using var work = scopes.OpenAccounts();
        var entries = work.Db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.ActorId))
        {
            entries = entries.Where(e => e.ActorId == query.ActorId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(query.Target))
        {
            entries = entries.Where(e => e.Target == query.Target.Trim());
        }

        if (query.Before is { } before)
        {
            entries = entries.Where(e => e.Id < before);
        }

        var page = await entries.OrderByDescending(e => e.Id).Take(query.Limit + 1).ToListAsync(ct);
        var more = page.Count > query.Limit;
        var shown = page.Take(query.Limit).Select(e => e.ToDto()).ToList();
        return new AuditPage(shown, more ? shown[^1].Id : null);
    }
}
