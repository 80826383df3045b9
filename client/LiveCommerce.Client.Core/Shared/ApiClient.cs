using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveCommerce.Client.Auth;
using LiveCommerce.Contracts;

namespace LiveCommerce.Client.Shared;

/// <summary>
/// The HTTP API as features call it: the server's JSON conventions, the caller's token when
/// there is one, and refusals as <see cref="ApiException"/>. Feature API classes
/// (<c>StreamsApi</c>, later <c>CatalogApi</c>…) wrap this with typed methods.
/// </summary>
public sealed class ApiClient(HttpClient http, AuthSession auth)
{
    public Task<T> GetAsync<T>(string path, CancellationToken ct = default) =>
        SendAsync<T>(() => new HttpRequestMessage(HttpMethod.Get, path), ct);

    /// <summary>Like <see cref="GetAsync{T}"/>, but a 404 answers null instead of throwing.</summary>
    public async Task<T?> GetOrDefaultAsync<T>(string path, CancellationToken ct = default)
        where T : class
    {
        try
        {
            return await GetAsync<T>(path, ct);
        }
        catch (ApiException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The raw body of a successful GET (e.g. a file to hand to the browser).</summary>
    public async Task<byte[]> GetBytesAsync(string path, CancellationToken ct = default)
    {
        using var response = await SendRawAsync(() => new HttpRequestMessage(HttpMethod.Get, path), ct);
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    public Task<T> PostAsync<T>(string path, object? body, CancellationToken ct = default) =>
        SendAsync<T>(() => WithBody(HttpMethod.Post, path, body), ct);

    /// <summary>A POST whose answer has no body worth reading (204, 202).</summary>
    public async Task PostAsync(string path, object? body, CancellationToken ct = default)
    {
        using var response = await SendRawAsync(() => WithBody(HttpMethod.Post, path, body), ct);
    }

    public Task<T> PutAsync<T>(string path, object body, CancellationToken ct = default) =>
        SendAsync<T>(() => WithBody(HttpMethod.Put, path, body), ct);

    public Task<T> PatchAsync<T>(string path, object body, CancellationToken ct = default) =>
        SendAsync<T>(() => WithBody(HttpMethod.Patch, path, body), ct);

    /// <summary>Posts any content (e.g. a multipart upload). Not retried: content streams are read once.</summary>
    public async Task<T> PostContentAsync<T>(string path, HttpContent content, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        await AuthorizeAsync(request, ct);
        using var response = await http.SendAsync(request, ct);
        return await HttpApi.ReadAsync<T>(response, ct);
    }

    /// <summary>A DELETE, with a JSON body when the endpoint wants one (e.g. the password to delete an account).</summary>
    public async Task DeleteAsync(string path, object? body = null, CancellationToken ct = default)
    {
        using var response = await SendRawAsync(() => WithBody(HttpMethod.Delete, path, body), ct);
    }

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        using var response = await SendRawAsync(request, ct);
        return await HttpApi.ReadAsync<T>(response, ct);
    }

    /// <summary>
    /// Sends with the caller's token. A signed-in caller whose token was refused (401
    /// <c>unauthenticated</c>: the server restarted, or revoked it early) refreshes the session
    /// once and tries again; other 401s (a wrong password) are answers, not retried. Throws on refusals.
    /// </summary>
    private async Task<HttpResponseMessage> SendRawAsync(Func<HttpRequestMessage> create, CancellationToken ct)
    {
        var signedIn = auth.IsSignedIn;
        var response = await SendOnceAsync(create, ct);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        ApiException refusal;
        using (response)
        {
            refusal = await ApiException.FromResponseAsync(response, ct);
        }

        if (refusal.Code != ErrorCodes.Unauthenticated || refusal.Status != System.Net.HttpStatusCode.Unauthorized || !signedIn || !await auth.RefreshAsync(ct))
        {
            throw refusal;
        }

        response = await SendOnceAsync(create, ct);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ApiException.FromResponseAsync(response, ct);
            }
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> create, CancellationToken ct)
    {
        using var request = create();
        await AuthorizeAsync(request, ct);
        return await http.SendAsync(request, ct);
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (await auth.GetRequestTokenAsync(ct) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    private static HttpRequestMessage WithBody(HttpMethod method, string path, object? body) =>
        new(method, path) { Content = body is null ? null : JsonContent.Create(body, options: ApiJson.Options) };
}

/// <summary>Reading answers the same way everywhere, also for callers that cannot use <see cref="ApiClient"/>.</summary>
public static class HttpApi
{
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct = default)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiException.FromResponseAsync(response, ct);
        }

        return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct)
            ?? throw new ApiException("empty_response", "The server sent an empty answer.", response.StatusCode);
    }
}
