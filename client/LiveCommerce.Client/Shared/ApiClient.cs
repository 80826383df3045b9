using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveCommerce.Client.Auth;

namespace LiveCommerce.Client.Shared;

/// <summary>
/// The HTTP API as features call it: the server's JSON conventions, the caller's token when
/// there is one, and refusals as <see cref="ApiException"/>. Feature API classes
/// (<c>StreamsApi</c>, later <c>CatalogApi</c>…) wrap this with typed methods.
/// </summary>
public sealed class ApiClient(HttpClient http, AuthSession auth)
{
    public Task<T> GetAsync<T>(string path, CancellationToken ct = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), ct);

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

    public Task<T> PostAsync<T>(string path, object? body, CancellationToken ct = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: ApiJson.Options) }, ct);

    public Task<T> PutAsync<T>(string path, object body, CancellationToken ct = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: ApiJson.Options) }, ct);

    /// <summary>Posts any content (e.g. a multipart upload).</summary>
    public Task<T> PostContentAsync<T>(string path, HttpContent content, CancellationToken ct = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, ct);

    public async Task DeleteAsync(string path, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        if (auth.CurrentToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiException.FromResponseAsync(response, ct);
        }
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            if (auth.CurrentToken is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request, ct);
            return await HttpApi.ReadAsync<T>(response, ct);
        }
    }
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
