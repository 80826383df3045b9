using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveCommerce.Contracts;

namespace LiveCommerce.Simulator;

/// <summary>The HTTP side a crowd member needs: getting a token.</summary>
public static class LiveApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<TokenResponse> GuestAsync(HttpClient http, CancellationToken ct = default) =>
        await ReadAsync<TokenResponse>(await http.PostAsync("/api/auth/guest", null, ct), ct);

    public static async Task<TokenResponse> DevLoginAsync(HttpClient http, string handle, CancellationToken ct = default) =>
        await ReadAsync<TokenResponse>(await http.PostAsJsonAsync("/api/auth/dev-login", new DevLoginRequest(handle), Json, ct), ct);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct = default)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<T>(Json, ct) ?? throw new InvalidDataException("Empty response.");
    }
}
