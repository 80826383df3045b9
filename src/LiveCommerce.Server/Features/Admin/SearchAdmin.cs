using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using LiveCommerce.Server.Features.Accounts;
using LiveCommerce.Server.Features.Streams;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Admin;

/// <summary>
/// Finds accounts (email, display name, host handle, id), brands (name, id) and streams (title, host
/// name, id) for the operator: at most <see cref="AdminSearchResult.Limit"/> of each.
/// </summary>
public sealed record SearchAdmin(Actor Actor, string? Q) : IQuery<AdminSearchResult>, IValidated
{
    public const int MaxLength = 100;

    /// <summary>How many of the newest streams of each status a title search reads (streams live in Redis, not SQL).</summary>
    public const int StreamScan = 500;

    public void Validate(Validator v) => v.Text("q", Q, MaxLength);
}

public sealed class SearchAdminHandler(IServiceScopeFactory scopes, IStreamStore streams, IOptions<AccountsOptions> accounts)
    : IQueryHandler<SearchAdmin, AdminSearchResult>
{
    public async ValueTask<AdminSearchResult> Handle(SearchAdmin query, CancellationToken ct)
    {
        AdminRules.RequireAdmin(query.Actor);
        var q = query.Q!.Trim();
        var upper = q.ToUpperInvariant();
        var handle = q.TrimStart('@').ToLowerInvariant();

        await using var work = scopes.OpenAccounts();
        var users = await (from u in work.Db.Users.AsNoTracking()
                           join h in work.Db.HostProfiles.AsNoTracking() on u.Id equals h.UserId into hosts
                           from h in hosts.DefaultIfEmpty()
                           where u.Id == q || u.NormalizedEmail!.Contains(upper) || u.DisplayName.ToUpper().Contains(upper)
                               || (h != null && h.Handle.Contains(handle))
                           orderby u.DisplayName
                           select new { u.Id, u.Email, u.DisplayName, Handle = h == null ? null : h.Handle, u.SuspendedAt, u.SuspendedReason })
                          .Take(AdminSearchResult.Limit).ToListAsync(ct);
        var brands = await work.Db.Brands.AsNoTracking()
            .Where(b => b.Id == q || b.Name.ToUpper().Contains(upper))
            .OrderBy(b => b.Name).Take(AdminSearchResult.Limit)
            .Select(b => new AdminBrandDto(b.Id, b.Name, b.Country)).ToListAsync(ct);

        var found = new List<LiveStream>();
        if (TextRules.IsId(q) && await streams.GetAsync(q, ct) is { } exact)
        {
            found.Add(exact);
        }

        foreach (var status in new[] { StreamStatus.Live, StreamStatus.Upcoming, StreamStatus.Ended })
        {
            found.AddRange((await streams.ListAsync(status, SearchAdmin.StreamScan, ct)).Where(s =>
                s.Title.Contains(q, StringComparison.OrdinalIgnoreCase) || s.HostName.Contains(q, StringComparison.OrdinalIgnoreCase)));
        }

        return new AdminSearchResult(
            users.Select(u => new AdminUserDto(u.Id, u.Email ?? "", u.DisplayName, u.Handle, accounts.Value.IsAdmin(u.Email), u.SuspendedAt, u.SuspendedReason)).ToList(),
            brands,
            found.DistinctBy(s => s.Id).Take(AdminSearchResult.Limit).Select(s => s.ToDto(0)).ToList());
    }
}
