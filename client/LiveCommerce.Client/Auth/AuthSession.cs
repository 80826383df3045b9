using System.Text.Json;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Auth;

/// <summary>Who is using the app. Guests have a token too (the hub needs one) but no stored account.</summary>
public sealed record CurrentUser(string UserId, string DisplayName, string Role, bool IsGuest);

/// <summary>
/// Holds the caller's identity and hands out a valid token: the signed-in account's (kept in
/// <see cref="ITokenStore"/> across reloads) or else a guest token fetched on first need and kept
/// in memory. Raises <see cref="Changed"/> when the identity changes, so the header re-renders and
/// the hub connection reconnects as the new user.
/// </summary>
public sealed partial class AuthSession(AuthApi api, ITokenStore store, TimeProvider clock, ILogger<AuthSession> logger)
{
    /// <summary>Tokens this close to expiry are treated as expired.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RevalidateEvery = TimeSpan.FromSeconds(30);

    private TokenResponse? _account;
    private TokenResponse? _guest;
    private Task<TokenResponse>? _guestFetch;
    private DateTimeOffset _lastRevalidation = DateTimeOffset.MinValue;

    public event Action? Changed;

    /// <summary>The signed-in account, else the guest once a guest token exists, else null.</summary>
    public CurrentUser? User => _account is { } a
        ? new(a.UserId, a.DisplayName, a.Role, IsGuest: false)
        : _guest is { } g ? new(g.UserId, g.DisplayName, g.Role, IsGuest: true) : null;

    public bool IsSignedIn => _account is not null;

    /// <summary>A token to attach right now without fetching one; null when there is none yet.</summary>
    public string? CurrentToken => Fresh(_account) ?? Fresh(_guest);

    /// <summary>Loads the stored account, dropping it when expired or unreadable. Call once at start.</summary>
    public async Task RestoreAsync()
    {
        var stored = await store.ReadAsync();
        if (string.IsNullOrEmpty(stored))
        {
            return;
        }

        try
        {
            _account = JsonSerializer.Deserialize<TokenResponse>(stored, ApiJson.Options);
        }
        catch (JsonException)
        {
            _account = null;
        }

        if (Fresh(_account) is null)
        {
            _account = null;
            await store.WriteAsync(null);
            return;
        }

        // A server restarted with a new signing key refuses old tokens: find out early, off the start path.
        _ = RevalidateAccountAsync();
    }

    /// <summary>A token the server should accept: the account's, or a (possibly new) guest token.</summary>
    public async Task<string> GetTokenAsync(CancellationToken ct = default)
    {
        if (_account is not null && Fresh(_account) is null)
        {
            LogAccountExpired(logger);
            await SignOutAsync();
        }

        if (Fresh(_account) is { } account)
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

    public async Task<CurrentUser> SignInAsync(string handle, CancellationToken ct = default)
    {
        var token = await api.DevLoginAsync(handle, ct);
        _account = token;
        await store.WriteAsync(JsonSerializer.Serialize(token, ApiJson.Options));
        Changed?.Invoke();
        return User!;
    }

    public async Task SignOutAsync()
    {
        if (_account is null)
        {
            return;
        }

        _account = null;
        await store.WriteAsync(null);
        Changed?.Invoke();
    }

    /// <summary>
    /// A connection with the current token failed. Browsers hide a WebSocket's 401, so assume the
    /// token may be the cause: a guest simply gets a new one next time; an account is checked
    /// with the server (at most every 30 s) and signed out when refused.
    /// </summary>
    public async Task ConnectionRefusedAsync()
    {
        _guest = null;
        await RevalidateAccountAsync();
    }

    private async Task RevalidateAccountAsync()
    {
        var now = clock.GetUtcNow();
        if (_account is not { } account || now - _lastRevalidation < RevalidateEvery)
        {
            return;
        }

        _lastRevalidation = now;
        if (await api.AcceptsAsync(account.Token) == false && ReferenceEquals(_account, account))
        {
            LogAccountRefused(logger, account.UserId);
            await SignOutAsync();
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

    private string? Fresh(TokenResponse? token) =>
        token is not null && JwtToken.IsFresh(token.Token, clock.GetUtcNow(), ExpiryMargin) ? token.Token : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "The stored sign-in expired; continuing as a guest")]
    private static partial void LogAccountExpired(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The server no longer accepts the token of {UserId}; signed out")]
    private static partial void LogAccountRefused(ILogger logger, string userId);
}
