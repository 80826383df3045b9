using LiveCommerce.Client.Auth;
using LiveCommerce.Client.Shared;

namespace LiveCommerce.Client.Features.Reports;

/// <summary>
/// A share link opened signed out is remembered by the server under this browser's visitor cookie. Once
/// someone is signed in (right after signing in, and whenever the app starts signed in) those visits become
/// the account's, so the host whose link brought them is credited (docs/API.md "Claiming touches").
/// </summary>
public sealed partial class ShareTouchClaims(ReportsApi reports, AuthSession session, ILogger<ShareTouchClaims> logger)
{
    /// <summary>Claims what there is to claim; never throws (a visit that stays unclaimed only credits nobody).</summary>
    public async Task ClaimAsync(CancellationToken ct = default)
    {
        if (!session.IsSignedIn)
        {
            return; // a guest's id is new on every visit: the visits wait for an account
        }

        try
        {
            var result = await reports.ClaimShareTouchesAsync(ct);
            if (result.Claimed > 0)
            {
                LogClaimed(logger, result.Claimed);
            }
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or OperationCanceledException)
        {
            LogNotClaimed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Claimed {Count} share-link visits for the signed-in account")]
    private static partial void LogClaimed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Share-link visits were not claimed: {Reason}")]
    private static partial void LogNotClaimed(ILogger logger, string reason);
}
