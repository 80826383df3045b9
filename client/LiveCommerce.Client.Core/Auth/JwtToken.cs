using System.Buffers.Text;
using System.Text.Json;

namespace LiveCommerce.Client.Auth;

/// <summary>
/// Reads the expiry of a bearer token so the client never connects with one the server will
/// refuse. Only the payload's <c>exp</c> is read; the signature is the server's business.
/// </summary>
public static class JwtToken
{
    public static DateTimeOffset? ExpiresAt(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(parts[1]);
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>True when the token has a readable expiry at least <paramref name="margin"/> away.</summary>
    public static bool IsFresh(string token, DateTimeOffset now, TimeSpan margin) =>
        ExpiresAt(token) is { } expires && expires - margin > now;
}
