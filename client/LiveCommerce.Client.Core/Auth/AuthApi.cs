using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Auth;

/// <summary>
/// The <c>/api/auth</c> endpoints. Uses the bare HttpClient: these calls make the tokens others attach.
/// The refresh token never passes through here: the server keeps it in an HttpOnly cookie scoped
/// to <c>/api/auth</c>, which the browser sends with these same-origin requests by itself.
/// </summary>
public sealed class AuthApi(HttpClient http)
{
    public async Task<TokenResponse> GuestAsync(CancellationToken ct = default)
    {
        using var response = await http.PostAsync("/api/auth/guest", content: null, ct);
        return await HttpApi.ReadAsync<TokenResponse>(response, ct);
    }

    public async Task<TokenResponse> DevLoginAsync(string handle, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/dev-login", new DevLoginRequest(handle), ApiJson.Options, ct);
        if (response.StatusCode == HttpStatusCode.NotFound && response.Content.Headers.ContentLength is 0 or null)
        {
            throw new ApiException("dev_login_disabled", "Demo sign-in is not available on this server.", response.StatusCode);
        }

        return await HttpApi.ReadAsync<TokenResponse>(response, ct);
    }

    /// <summary>The demo cast, or null when the server has demo sign-in turned off (404).</summary>
    public async Task<IReadOnlyList<DemoAccountDto>?> DemoAccountsAsync(CancellationToken ct = default)
    {
        using var response = await http.GetAsync("/api/auth/demo-accounts", ct);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await HttpApi.ReadAsync<DemoAccountDto[]>(response, ct);
    }

    /// <summary>Email and password (and the authenticator code once the server asked for it: <c>two_factor_required</c>).</summary>
    public Task<TokenResponse> LoginAsync(LoginRequest request, CancellationToken ct = default) =>
        PostAsync<TokenResponse>("/api/auth/login", request, ct);

    /// <summary>Answers "check your email" whether or not the address already has an account.</summary>
    public Task<MailSentResponse> RegisterAsync(RegisterRequest request, CancellationToken ct = default) =>
        PostAsync<MailSentResponse>("/api/auth/register", request, ct);

    /// <summary>The link from the confirmation mail; a confirmed account is signed in at once.</summary>
    public Task<TokenResponse> ConfirmEmailAsync(ConfirmEmailRequest request, CancellationToken ct = default) =>
        PostAsync<TokenResponse>("/api/auth/confirm-email", request, ct);

    /// <summary>The next session from the refresh cookie; 401 (<c>invalid_refresh_token</c>, <c>refresh_token_reused</c>) when there is none.</summary>
    public Task<TokenResponse> RefreshAsync(CancellationToken ct = default) =>
        PostAsync<TokenResponse>("/api/auth/refresh", new RefreshRequest(), ct);

    /// <summary>Ends this session (the cookie is cleared), or every session of the account.</summary>
    public async Task LogoutAsync(string? accessToken, bool everywhere, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout")
        {
            Content = JsonContent.Create(new LogoutRequest(Everywhere: everywhere), options: ApiJson.Options),
        };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiException.FromResponseAsync(response, ct);
        }
    }

    public Task<MailSentResponse> ForgotPasswordAsync(string email, CancellationToken ct = default) =>
        PostAsync<MailSentResponse>("/api/auth/forgot-password", new ForgotPasswordRequest(email), ct);

    public async Task ResetPasswordAsync(ResetPasswordRequest request, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/reset-password", request, ApiJson.Options, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiException.FromResponseAsync(response, ct);
        }
    }

    private async Task<T> PostAsync<T>(string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, ApiJson.Options, ct);
        return await HttpApi.ReadAsync<T>(response, ct);
    }
}
