using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveCommerce.Client.Shared;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Auth;

/// <summary>The <c>/api/auth</c> endpoints. Uses the bare HttpClient: these calls make the tokens others attach.</summary>
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

    /// <summary>
    /// Whether the server still accepts <paramref name="token"/> (<c>GET /api/auth/me</c>): true, false
    /// on 401, null when it cannot tell (endpoint missing, server unreachable).
    /// </summary>
    public async Task<bool?> AcceptsAsync(string token, CancellationToken ct = default)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, ct);
            return response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => false,
                _ when response.IsSuccessStatusCode => true,
                _ => null,
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
