using System.Net;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Auth;

/// <summary>Who is using the app. Guests have a token too (the hub needs one) but no account.</summary>
public sealed record CurrentUser(string UserId, string DisplayName, string Role, bool IsGuest, string? BrandId = null);

/// <summary>
/// Holds the caller's identity and hands out a valid token: the signed-in account's or else a
/// guest token fetched on first need. Tokens live in memory only: a script injected into the page
/// finds nothing in storage, and a reload gets the session back through the HttpOnly refresh
/// cookie (<see cref="RestoreAsync"/>). Raises <see cref="Changed"/> when the identity (or its
/// role) changes, so the header re-renders and the hub connection reconnects as the new user.
/// </summary>
public sealed partial class AuthSession(AuthApi api, TimeProvider clock, ILogger<AuthSession> logger)
{
    /// <summary>An account token this close to its expiry is refreshed before it is handed out.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);

    /// <summary>A guest token this close to its expiry is replaced.</summary>
    private static readonly TimeSpan GuestMargin = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(30);

    private TokenResponse? _account;
    private TokenResponse? _guest;
    private Task<TokenResponse>? _guestFetch;
    private Task<bool>? _refresh;
    private DateTimeOffset _lastRecheck = DateTimeOffset.MinValue;

    // Bumped by sign-in and sign-out, so a refresh answered after either cannot undo it.
    private long _generation;

    public event Action? Changed;

    /// <summary>The signed-in account, else the guest once a guest token exists, else null.</summary>
    public CurrentUser? User => _account is { } a
        ? new(a.UserId, a.DisplayName, a.Role, IsGuest: false, a.BrandId)
        : _guest is { } g ? new(g.UserId, g.DisplayName, g.Role, IsGuest: true) : null;

    public bool IsSignedIn => _account is not null;

    /// <summary>
    /// Asks the server for the session behind the refresh cookie, once at start: signed in when
    /// there is one, quietly signed out (a guest on first need) when there is not.
    /// </summary>
    public async Task RestoreAsync(CancellationToken ct = default)
    {
        try
        {
            await RefreshAsync(ct);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // Offline, timed out or an older server: start as a guest; the next sign-in or reload tries again.
            LogRestoreFailed(logger, e.Message);
        }
    }

    /// <summary>
    /// A token the server should accept: the account's (refreshed first when it expires within
    /// <see cref="RefreshMargin"/>), or a (possibly new) guest token.
    /// </summary>
    public async Task<string> GetTokenAsync(CancellationToken ct = default)
    {
        if (await AccountTokenAsync(ct) is { } account)
        {
            return account;
        }

        if (Fresh(_guest) is { } guest)
        {
            return guest;
        }

        // Callers racing for a guest token share one request.
        var fetch = _guestFetch ??= FetchGuestAsync();
        try
        {
            return (await fetch.WaitAsync(ct)).Token;
        }
        finally
        {
            if (fetch.IsCompleted && ReferenceEquals(_guestFetch, fetch))
            {
                _guestFetch = null;
            }
        }
    }

    /// <summary>
    /// The token to put on an API request: the account's (refreshed when about to expire), else a
    /// guest token already held; null otherwise (reading public data needs none).
    /// </summary>
    public async Task<string?> GetRequestTokenAsync(CancellationToken ct = default) =>
        await AccountTokenAsync(ct) ?? Fresh(_guest);

    /// <summary>Email and password; <paramref name="twoFactorCode"/> once the server answered <c>two_factor_required</c>.</summary>
    public async Task<CurrentUser> SignInAsync(string email, string password, string? twoFactorCode = null, CancellationToken ct = default) =>
        Adopt(await api.LoginAsync(new LoginRequest(email.Trim(), password, twoFactorCode), ct));

    /// <summary>One of the demo cast (servers with demo sign-in on).</summary>
    public async Task<CurrentUser> DevSignInAsync(string handle, CancellationToken ct = default) =>
        Adopt(await api.DevLoginAsync(handle, ct));

    /// <summary>
    /// Takes a session the server handed out elsewhere (confirming an email, changing the
    /// password). The refresh token is not kept: the server set it as a cookie.
    /// </summary>
    public CurrentUser Adopt(TokenResponse token)
    {
        _generation++;
        Set(token);
        return User!;
    }

    /// <summary>
    /// Fetches the session again (<c>POST /api/auth/refresh</c>), e.g. after becoming a host or
    /// joining a brand, so the token and the header carry the new role. Concurrent callers share
    /// one request. False when the server says the session is over (then signed out here too).
    /// </summary>
    public async Task<bool> RefreshAsync(CancellationToken ct = default)
    {
        var refresh = _refresh ??= RefreshOnceAsync();
        try
        {
            return await refresh.WaitAsync(ct);
        }
        finally
        {
            if (refresh.IsCompleted && ReferenceEquals(_refresh, refresh))
            {
                _refresh = null;
            }
        }
    }

    /// <summary>
    /// Signs out: this session (best effort; the local sign-out happens regardless), or with
    /// <paramref name="everywhere"/> every session of the account, which must reach the server:
    /// when it does not, this throws and the account stays signed in here.
    /// </summary>
    public async Task SignOutAsync(bool everywhere = false)
    {
        if (_account is null)
        {
            return;
        }

        string? token;
        try
        {
            token = await AccountTokenAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            token = _account?.Token;
        }

        if (everywhere)
        {
            await api.LogoutAsync(token, everywhere: true);
        }
        else
        {
            try
            {
                await api.LogoutAsync(token, everywhere: false);
            }
            catch (Exception e) when (e is ApiException or HttpRequestException)
            {
                LogLogoutFailed(logger, e.Message);
            }
        }

        Forget();
    }

    /// <summary>Signs out here without asking the server (it ended the session itself, e.g. the account was deleted).</summary>
    public void Forget()
    {
        _generation++;
        if (_account is null)
        {
            return;
        }

        _account = null;
        Changed?.Invoke();
    }

    /// <summary>
    /// A connection with the current token failed. Browsers hide a WebSocket's 401, so assume the
    /// token may be the cause: a guest simply gets a new one next time; an account refreshes its
    /// session (at most every 30 s) and is signed out when the server says it is over.
    /// </summary>
    public async Task ConnectionRefusedAsync()
    {
        _guest = null;
        var now = clock.GetUtcNow();
        if (_account is null || now - _lastRecheck < RecheckEvery)
        {
            return;
        }

        _lastRecheck = now;
        try
        {
            await RefreshAsync();
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or OperationCanceledException)
        {
            LogRecheckFailed(logger, e.Message);
        }
    }

    /// <summary>The account's token, refreshed first when about to expire; null when signed out.</summary>
    private async Task<string?> AccountTokenAsync(CancellationToken ct)
    {
        if (_account is not { } account)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (ExpiresAt(account) is not { } expires || expires - RefreshMargin > now)
        {
            return account.Token;
        }

        try
        {
            await RefreshAsync(ct);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException && expires > clock.GetUtcNow() && ReferenceEquals(_account, account))
        {
            // Could not refresh (offline?) but the token still works for a little while.
            LogRefreshFailed(logger, e.Message);
            return account.Token;
        }

        return _account?.Token;
    }

    private async Task<bool> RefreshOnceAsync()
    {
        var generation = _generation;
        TokenResponse token;
        try
        {
            token = await api.RefreshAsync();
        }
        catch (ApiException e) when (e.Status == HttpStatusCode.Unauthorized)
        {
            if (generation == _generation && _account is { } ended)
            {
                LogSessionEnded(logger, ended.UserId, e.Code);
                Forget();
            }

            return false;
        }

        if (generation != _generation)
        {
            return IsSignedIn; // signed in or out meanwhile: that wins
        }

        Set(token);
        return true;
    }

    private void Set(TokenResponse token)
    {
        var before = User;
        _account = token with { RefreshToken = null };
        if (User != before)
        {
            Changed?.Invoke();
        }
    }

    private async Task<TokenResponse> FetchGuestAsync()
    {
        var guest = await api.GuestAsync();
        _guest = guest;
        if (_account is null)
        {
            Changed?.Invoke();
        }

        return guest;
    }

    private static DateTimeOffset? ExpiresAt(TokenResponse token) => token.ExpiresAt ?? JwtToken.ExpiresAt(token.Token);

    private string? Fresh(TokenResponse? guest) =>
        guest is not null && ExpiresAt(guest) is { } expires && expires - GuestMargin > clock.GetUtcNow() ? guest.Token : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "No session restored: {Reason}")]
    private static partial void LogRestoreFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The session of {UserId} ended ({Code}); signed out")]
    private static partial void LogSessionEnded(ILogger logger, string userId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the session: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not check the session after a refused connection: {Reason}")]
    private static partial void LogRecheckFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed out here; the server was not told: {Reason}")]
    private static partial void LogLogoutFailed(ILogger logger, string reason);
}
