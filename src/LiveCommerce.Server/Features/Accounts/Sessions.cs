using System.Security.Cryptography;
using System.Text;
using LiveCommerce.Contracts;
using LiveCommerce.Server.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Server.Features.Accounts;

/// <summary>
/// Signed-in sessions: a short-lived access token plus a refresh token that is single use. A refresh
/// revokes the token it used in one conditional UPDATE, so of two requests racing with the same
/// token exactly one wins; a token presented after it was rotated is a replay, and the whole family
/// (every token descended from that sign-in) is revoked.
/// </summary>
public sealed partial class Sessions(IAccessTokens tokens, IOptions<AccountsOptions> options, TimeProvider clock, ILogger<Sessions> logger)
{
    /// <summary>Starts a new family: sign-in, confirmation, password change.</summary>
    public async Task<TokenResponse> StartAsync(AccountsWork work, AppUser user, CancellationToken ct) =>
        await IssueAsync(work, user, Guid.NewGuid(), ct);

    public async Task<TokenResponse> RotateAsync(AccountsWork work, string? value, CancellationToken ct)
    {
        var hash = Hash(value);
        var token = hash is null ? null : await work.Db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        // Suspension revoked the tokens too; saying why beats "this session has ended".
        if (token is not null && await work.Db.Users.AsNoTracking().Where(u => u.Id == token.UserId && u.SuspendedAt != null)
                .Select(u => u.SuspendedReason).FirstOrDefaultAsync(ct) is { } reason)
        {
            throw Suspended(reason);
        }

        var now = clock.GetUtcNow();
        // Signed out, reset or expired: the session is over. Rotated already: someone replays it.
        if (token is null || token.ExpiresAt <= now || token is { RevokedAt: not null, ReplacedById: null })
        {
            throw Refused(ErrorCodes.InvalidRefreshToken, "This session has ended: sign in again.");
        }

        if (token.RevokedAt is not null)
        {
            throw await RevokeFamilyAsync(work, token, "reused", ct);
        }

        var user = await work.Users.FindByIdAsync(token.UserId)
            ?? throw Refused(ErrorCodes.InvalidRefreshToken, "This session has ended: sign in again.");

        // The revocation and the successor commit together: a racer's UPDATE waits for this one's
        // row lock, finds the token revoked, and its family revocation then sees the successor too.
        var successor = Guid.NewGuid();
        await using (var transaction = await work.Db.Database.BeginTransactionAsync(ct))
        {
            var won = await work.Db.RefreshTokens
                .Where(t => t.Id == token.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.ReplacedById, successor), ct);
            if (won == 1)
            {
                var issued = await IssueAsync(work, user, token.FamilyId, ct, successor);
                await transaction.CommitAsync(ct);
                return issued;
            }
        }

        throw await RevokeFamilyAsync(work, token, "raced", ct);
    }

    /// <summary>Ends the session the token belongs to (its family), or every session of its account.</summary>
    public async Task EndAsync(AccountsWork work, string? value, bool everywhere, string? userId, CancellationToken ct)
    {
        var hash = Hash(value);
        var token = hash is null ? null : await work.Db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        var now = clock.GetUtcNow();
        if (everywhere && (token?.UserId ?? userId) is { } owner)
        {
            await RevokeAllAsync(work, owner, ct);
        }
        else if (token is not null)
        {
            await work.Db.RefreshTokens.Where(t => t.FamilyId == token.FamilyId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        }
    }

    /// <summary>Password changed or reset, account deleted, "sign out everywhere".</summary>
    public async Task RevokeAllAsync(AccountsWork work, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await work.Db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    /// <summary>
    /// What the account may act as, read fresh at every sign-in and refresh: platform admin (from
    /// configuration only), else a brand member, else a host, else a viewer. A person who is both a
    /// brand member and a host acts for the brand.
    /// </summary>
    public async Task<SessionIdentity> IdentityOfAsync(AccountsWork work, AppUser user, CancellationToken ct)
    {
        if (options.Value.IsAdmin(user.Email))
        {
            return new(user.Id, user.DisplayName, Roles.Admin);
        }

        var membership = await work.Db.BrandMembers.AsNoTracking().Where(m => m.UserId == user.Id)
            .OrderBy(m => m.JoinedAt).ThenBy(m => m.BrandId).FirstOrDefaultAsync(ct);
        if (membership is not null)
        {
            return new(user.Id, user.DisplayName, Roles.Brand, membership.BrandId, membership.Role);
        }

        var host = await work.Db.HostProfiles.AsNoTracking().AnyAsync(h => h.UserId == user.Id, ct);
        return new(user.Id, user.DisplayName, host ? Roles.Host : Roles.Viewer);
    }

    /// <summary>SHA-256 of the value as lowercase hex; null for a missing or absurd value.</summary>
    public static string? Hash(string? value) =>
        string.IsNullOrEmpty(value) || value.Length > 200 ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>A fresh random token value (256 bits, URL-safe).</summary>
    public static string NewValue() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private async Task<TokenResponse> IssueAsync(AccountsWork work, AppUser user, Guid family, CancellationToken ct, Guid? id = null)
    {
        // Every way into a session (sign-in, refresh, confirmation, password change) passes here.
        if (user.SuspendedAt is not null)
        {
            throw Suspended(user.SuspendedReason);
        }

        var value = NewValue();
        var now = clock.GetUtcNow();
        work.Db.RefreshTokens.Add(new RefreshToken
        {
            Id = id ?? Guid.NewGuid(), UserId = user.Id, FamilyId = family, TokenHash = Hash(value)!,
            CreatedAt = now, ExpiresAt = now + options.Value.RefreshTokenLifetime,
        });
        await work.Db.SaveChangesAsync(ct);
        var identity = await IdentityOfAsync(work, user, ct);
        return tokens.Issue(identity) with { RefreshToken = value };
    }

    /// <summary>Revokes the family of a replayed token and returns the refusal to throw.</summary>
    private async Task<AppException> RevokeFamilyAsync(AccountsWork work, RefreshToken token, string why, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var revoked = await work.Db.RefreshTokens.Where(t => t.FamilyId == token.FamilyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        LogReplay(logger, token.UserId, why, revoked);
        return Refused(ErrorCodes.RefreshTokenReused, "This sign-in was used from somewhere else, so it has been ended everywhere: sign in again.");
    }

    private static AppException Suspended(string? reason) =>
        AppException.Forbidden(ErrorCodes.AccountSuspended, $"This account is suspended: {reason}");

    private static AppException Refused(string code, string message) => new(code, message, StatusCodes.Status401Unauthorized);

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Warning, Message = "A rotated refresh token of user {UserId} was presented again ({Why}); revoked {Count} live token(s) of its family")]
    private static partial void LogReplay(ILogger logger, string userId, string why, int count);
}
